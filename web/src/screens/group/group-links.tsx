import { type FormEvent, useId, useState } from "react";
import { ConfirmButton } from "../../components/ConfirmButton.tsx";
import { DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { TextField } from "../../components/Field.tsx";
import { Loading } from "../../components/Loading.tsx";
import { StatusMessage, useStatusMessage } from "../../components/StatusMessage.tsx";
import { useDateTime, useT } from "../../i18n/use-t.ts";
import { type GroupLink, useGroupLinks, useLinkAction } from "../../lib/group.ts";

const open = (l: GroupLink) => l.state === "pending" || l.state === "active";

/** The ministry's side: ask an agency to share its figures, see the requests and links, end one. */
export function OverseenLinks({ canManage }: { canManage: boolean }) {
  const t = useT();
  const at = useDateTime();
  const links = useGroupLinks();
  const action = useLinkAction();
  const [status, setStatus] = useStatusMessage();
  const [agency, setAgency] = useState("");
  const headingId = useId();
  const formId = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    action.mutate(
      { kind: "request", agency: agency.trim() },
      {
        onSuccess: (l) => {
          setAgency("");
          setStatus(t("group.requested", { name: l.agency.name }));
        },
      },
    );
  };
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("group.overseen.title")}</h2>
      <p className="hint">{t("group.overseen.help")}</p>
      <StatusMessage message={status} />
      <ErrorAlert error={links.error ?? action.error} />
      {links.isPending ? (
        <Loading />
      ) : (
        <DataTable
          labelledBy={headingId}
          rows={links.data?.overseen ?? []}
          rowKey={(l) => l.id}
          empty={t("group.overseen.empty")}
          columns={[
            { header: t("group.col.agency"), cell: (l) => `${l.agency.name} (${l.agency.slug})` },
            { header: t("group.col.state"), cell: (l) => t(`group.state.${l.state}`) },
            { header: t("group.col.requested"), cell: (l) => at(l.requestedAt) },
            { header: t("group.col.changed"), cell: (l) => at(l.endedAt ?? l.respondedAt) },
            {
              header: t("group.col.actions"),
              cell: (l) =>
                canManage && open(l) ? (
                  <ConfirmButton
                    label={l.state === "pending" ? t("group.withdraw") : t("group.end")}
                    accessibleName={`${l.state === "pending" ? t("group.withdraw") : t("group.end")}: ${l.agency.name}`}
                    question={t("group.endQuestion")}
                    confirmLabel={t("common.yes")}
                    onConfirm={() =>
                      action.mutate(
                        { kind: "end", id: l.id },
                        { onSuccess: () => setStatus(t("group.ended")) },
                      )
                    }
                  />
                ) : null,
            },
          ]}
        />
      )}
      {canManage && (
        <form onSubmit={submit} aria-labelledby={formId}>
          <h3 id={formId}>{t("group.request.title")}</h3>
          <TextField
            label={t("group.request.label")}
            name="agency"
            hint={t("group.request.hint")}
            required
            value={agency}
            onChange={(e) => setAgency(e.target.value)}
          />
          <button type="submit" className="primary" disabled={action.isPending || !agency.trim()}>
            {t("group.request.submit")}
          </button>
        </form>
      )}
    </section>
  );
}

/** The agency's side: requests from parent bodies to accept or decline, and the links to end. */
export function ParentLinks({ canManage }: { canManage: boolean }) {
  const t = useT();
  const at = useDateTime();
  const links = useGroupLinks();
  const action = useLinkAction();
  const [status, setStatus] = useStatusMessage();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("group.parents.title")}</h2>
      <p className="hint">{t("group.parents.help")}</p>
      <StatusMessage message={status} />
      <ErrorAlert error={action.error} />
      {links.isPending ? (
        <Loading />
      ) : (
        <DataTable
          labelledBy={headingId}
          rows={links.data?.parents ?? []}
          rowKey={(l) => l.id}
          empty={t("group.parents.empty")}
          columns={[
            { header: t("group.col.parent"), cell: (l) => l.parent.name },
            { header: t("group.col.state"), cell: (l) => t(`group.state.${l.state}`) },
            { header: t("group.col.requested"), cell: (l) => at(l.requestedAt) },
            { header: t("group.col.changed"), cell: (l) => at(l.endedAt ?? l.respondedAt) },
            {
              header: t("group.col.actions"),
              cell: (l) =>
                !canManage ? null : l.state === "pending" ? (
                  <span className="actions">
                    <button
                      type="button"
                      className="primary"
                      aria-label={`${t("group.accept")}: ${l.parent.name}`}
                      onClick={() =>
                        action.mutate(
                          { kind: "accept", id: l.id },
                          { onSuccess: () => setStatus(t("group.accepted", { name: l.parent.name })) },
                        )
                      }
                    >
                      {t("group.accept")}
                    </button>{" "}
                    <button
                      type="button"
                      aria-label={`${t("group.decline")}: ${l.parent.name}`}
                      onClick={() =>
                        action.mutate(
                          { kind: "decline", id: l.id },
                          { onSuccess: () => setStatus(t("group.declined")) },
                        )
                      }
                    >
                      {t("group.decline")}
                    </button>
                  </span>
                ) : l.state === "active" ? (
                  <ConfirmButton
                    label={t("group.end")}
                    accessibleName={`${t("group.end")}: ${l.parent.name}`}
                    question={t("group.endQuestion")}
                    confirmLabel={t("common.yes")}
                    onConfirm={() =>
                      action.mutate(
                        { kind: "end", id: l.id },
                        { onSuccess: () => setStatus(t("group.ended")) },
                      )
                    }
                  />
                ) : null,
            },
          ]}
        />
      )}
    </section>
  );
}
