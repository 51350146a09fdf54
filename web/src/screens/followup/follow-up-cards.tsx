import { Link } from "@tanstack/react-router";
import { useId } from "react";
import { useIntl } from "react-intl";
import { useT } from "../../i18n/use-t.ts";
import { useCaseSummary } from "../../lib/followup.ts";
import { useCan } from "../../lib/me.ts";

/** Dashboard cards: open and overdue cases, median time to first contact, share contacted in time, recovery. */
export function FollowUpCards() {
  const t = useT();
  const intl = useIntl();
  const canRead = useCan("cases:read");
  const summary = useCaseSummary(canRead);
  const headingId = useId();
  if (!canRead || !summary.data) return null;
  const s = summary.data;
  const pct = (v: number | null) =>
    v === null ? t("followUpCards.none") : intl.formatNumber(v / 100, { style: "percent" });
  const cards: [string, string | number][] = [
    [t("followUpCards.open"), s.open],
    [t("followUpCards.overdue"), s.overdue],
    [
      t("followUpCards.median"),
      s.medianHoursToFirstContact === null
        ? t("followUpCards.none")
        : t("followUpCards.hours", {
            hours: intl.formatNumber(s.medianHoursToFirstContact, { maximumFractionDigits: 1 }),
          }),
    ],
    [t("followUpCards.withinDeadline"), pct(s.contactedWithinDeadlinePct)],
    [t("followUpCards.recovery"), pct(s.recoveryRatePct)],
  ];
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>
        <Link to="/cases" search={{ view: "all" }}>
          {t("followUpCards.title")}
        </Link>
      </h2>
      <dl className="details follow-up-cards">
        {cards.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
