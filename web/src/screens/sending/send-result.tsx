import { Link } from "@tanstack/react-router";
import { useEffect, useId, useRef } from "react";
import { useDateTime, useT } from "../../i18n/use-t.ts";
import type { ScheduleResult } from "../../lib/sending.ts";
import { useReasonText } from "./reason-text.ts";

/** What became of one invitation: scheduled with its send time, or not sent and why. Takes focus when shown. */
export function SendResult({ result, email }: { result: ScheduleResult; email: string }) {
  const t = useT();
  const date = useDateTime();
  const reasonText = useReasonText();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const scheduled = result.state === "scheduled" || result.state === "sending" || result.state === "sent";
  return (
    <section aria-labelledby={headingId} className={`alert ${scheduled ? "success" : "warning"}`}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {scheduled ? t("send.scheduledTitle", { email }) : t("send.skippedTitle", { email })}
      </h2>
      {scheduled && result.sendAt && <p>{t("send.scheduledAt", { date: date(result.sendAt) })}</p>}
      {!scheduled && <p>{reasonText(result.reason ?? null)}</p>}
      <p>
        <Link to="/invitations">{t("send.toOverview")}</Link>
      </p>
    </section>
  );
}
