import { type FormEvent, useId, useState } from "react";
import { DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { SelectField, TextField } from "../../components/Field.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Page } from "../../components/Page.tsx";
import type { MessageId } from "../../i18n/messages.ts";
import { useDateTime, useT } from "../../i18n/use-t.ts";
import {
  AUDIT_ACTIONS,
  type AuditEvent,
  type AuditFilters,
  auditQuery,
  useAuditEvents,
} from "../../lib/audit.ts";
import { useCan } from "../../lib/me.ts";

const NONE: AuditFilters = { action: "", actor: "", from: "", to: "" };

/** The details of an entry as short "key: value" lines (ids, counts and codes only). */
function detailText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([k, v]) => `${k}: ${typeof v === "object" && v !== null ? JSON.stringify(v) : String(v)}`)
    .join("; ");
}

/** The organisation's audit log for owners and auditors: filter, page, download as CSV. */
export function AuditLogScreen() {
  const t = useT();
  const date = useDateTime();
  const canRead = useCan("audit:read");
  const listId = useId();
  const filtersId = useId();
  const [draft, setDraft] = useState<AuditFilters>(NONE);
  const [filters, setFilters] = useState<AuditFilters>(NONE);
  const events = useAuditEvents(filters, canRead);
  const rows = events.data?.pages.flatMap((p) => p.items) ?? [];

  if (!canRead) {
    return (
      <Page title={t("audit.title")}>
        <p className="muted">{t("audit.intro")}</p>
      </Page>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilters(draft);
  };
  const actorName = (ev: AuditEvent) => {
    if (ev.actorType === "system") return t("audit.actor.system");
    if (ev.actorType === "apiKey") return t("audit.actor.apiKey", { name: ev.actorName ?? ev.actorId ?? "" });
    return ev.actorName ?? t("audit.actor.unknown");
  };
  const actionName = (action: string) =>
    (AUDIT_ACTIONS as readonly string[]).includes(action) ? t(`audit.action.${action}` as MessageId) : action;
  const onlyActor = (ev: AuditEvent) => {
    const next = { ...draft, actor: ev.actorId ?? "" };
    setDraft(next);
    setFilters(next);
  };

  return (
    <Page title={t("audit.title")}>
      <p>{t("audit.intro")}</p>
      <form aria-labelledby={filtersId} onSubmit={submit} className="filters">
        <h2 id={filtersId}>{t("audit.filters")}</h2>
        <SelectField
          label={t("audit.action")}
          value={draft.action}
          onChange={(e) => setDraft({ ...draft, action: e.target.value })}
        >
          <option value="">{t("audit.anyAction")}</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {actionName(a)}
            </option>
          ))}
        </SelectField>
        <TextField
          name="actor"
          label={t("audit.actor")}
          hint={t("audit.actorHelp")}
          value={draft.actor}
          onChange={(e) => setDraft({ ...draft, actor: e.target.value.trim() })}
        />
        <TextField
          name="from"
          type="date"
          label={t("audit.from")}
          value={draft.from}
          onChange={(e) => setDraft({ ...draft, from: e.target.value })}
        />
        <TextField
          name="to"
          type="date"
          label={t("audit.to")}
          value={draft.to}
          onChange={(e) => setDraft({ ...draft, to: e.target.value })}
        />
        <div className="form-actions">
          <button type="submit">{t("audit.show")}</button>
          <a href={`/api/v1/audit-events.csv?${auditQuery(filters)}`} download>
            {t("audit.download")}
          </a>
        </div>
      </form>
      <section aria-labelledby={listId}>
        <h2 id={listId}>{t("audit.list")}</h2>
        <ErrorAlert error={events.error} />
        {events.isPending ? (
          <Loading />
        ) : (
          <DataTable
            labelledBy={listId}
            rows={rows}
            rowKey={(ev) => ev.id}
            empty={t("audit.empty")}
            columns={[
              { header: t("audit.col.at"), cell: (ev) => date(ev.at) },
              {
                header: t("audit.col.actor"),
                cell: (ev) =>
                  ev.actorId ? (
                    <button
                      type="button"
                      aria-label={t("audit.filterByActor", { name: actorName(ev) })}
                      onClick={() => onlyActor(ev)}
                    >
                      {actorName(ev)}
                    </button>
                  ) : (
                    actorName(ev)
                  ),
              },
              { header: t("audit.col.action"), cell: (ev) => actionName(ev.action) },
              {
                header: t("audit.col.target"),
                cell: (ev) => (ev.targetType ? <code>{`${ev.targetType} ${ev.targetId ?? ""}`}</code> : ""),
              },
              { header: t("audit.col.details"), cell: (ev) => detailText(ev.details) },
            ]}
          />
        )}
        {events.hasNextPage && (
          <button type="button" disabled={events.isFetchingNextPage} onClick={() => events.fetchNextPage()}>
            {t("audit.more")}
          </button>
        )}
      </section>
    </Page>
  );
}
