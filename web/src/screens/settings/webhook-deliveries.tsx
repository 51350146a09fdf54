import { useEffect, useId, useRef } from "react";
import { DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { useDateTime, useT } from "../../i18n/use-t.ts";
import { useWebhookDeliveries, type Webhook } from "../../lib/webhooks.ts";

const STATES = ["pending", "delivered", "failed", "dead"] as const;
type DeliveryState = (typeof STATES)[number];

/** The newest deliveries to one endpoint: event, state, attempts, last HTTP status or error. Takes focus. */
export function WebhookDeliveries({ webhook }: { webhook: Webhook }) {
  const t = useT();
  const date = useDateTime();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const log = useWebhookDeliveries(webhook.id);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const stateText = (s: string) =>
    STATES.includes(s as DeliveryState) ? t(`deliveryState.${s as DeliveryState}`) : s;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {t("webhooks.logTitle", { url: webhook.url })}
      </h2>
      <div className="actions">
        <button
          type="button"
          // aria-disabled keeps focus on the button while the log reloads.
          aria-disabled={log.isFetching}
          onClick={() => !log.isFetching && log.refetch()}
        >
          {t("webhooks.refresh")}
        </button>
      </div>
      <ErrorAlert error={log.error} />
      {log.isPending ? (
        <Loading />
      ) : (
        <DataTable
          labelledBy={headingId}
          rows={log.data?.items ?? []}
          rowKey={(d) => d.id}
          empty={t("webhooks.noDeliveries")}
          columns={[
            { header: t("webhooks.createdAt"), cell: (d) => date(d.createdAt) },
            { header: t("webhooks.event"), cell: (d) => <code>{d.event}</code> },
            { header: t("invitations.state"), cell: (d) => stateText(d.state) },
            { header: t("invitations.attempts"), cell: (d) => d.attempts, numeric: true },
            {
              header: t("webhooks.lastResult"),
              cell: (d) =>
                [d.lastStatus ? `HTTP ${d.lastStatus}` : "", d.lastError ?? ""].filter(Boolean).join(" – ") ||
                "–",
            },
            {
              header: t("webhooks.deliveredOrNext"),
              cell: (d) =>
                d.deliveredAt
                  ? date(d.deliveredAt)
                  : d.nextAttemptAt
                    ? t("webhooks.nextAttempt", { date: date(d.nextAttemptAt) })
                    : "",
            },
          ]}
        />
      )}
    </section>
  );
}
