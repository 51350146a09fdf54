import { Link } from "@tanstack/react-router";
import { useT } from "../i18n/use-t.ts";
import { useMailMode } from "../lib/outbox.ts";
import { useCan } from "../lib/me.ts";

/** On every screen while no mail server is configured: e-mail stays in the local outbox, nothing is sent. */
export function MailModeBanner() {
  const t = useT();
  const canSeeOutbox = useCan("outbox:read");
  const mode = useMailMode();
  if (mode !== "outbox") return null;
  return (
    // A plain region, not an alert: it is there from the start and should not interrupt on every screen.
    <section className="mail-banner" aria-label={t("outbox.bannerLabel")}>
      <p>
        <strong>{t("outbox.bannerTitle")}</strong> {t("outbox.bannerText")}{" "}
        {canSeeOutbox && <Link to="/outbox">{t("outbox.bannerLink")}</Link>}
      </p>
    </section>
  );
}
