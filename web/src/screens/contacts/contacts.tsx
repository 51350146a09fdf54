import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { type FormEvent, useId } from "react";
import { ConfirmButton } from "../../components/ConfirmButton.tsx";
import { DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { TextField } from "../../components/Field.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Page } from "../../components/Page.tsx";
import { StatusMessage, useStatusMessage } from "../../components/StatusMessage.tsx";
import type { MessageId } from "../../i18n/messages.ts";
import { useDateTime, useT } from "../../i18n/use-t.ts";
import { useCan } from "../../lib/me.ts";
import { type Contact, useContactChange, useContactHistory, useContactSearch } from "../../lib/month.ts";

const route = getRouteApi("/authed/contacts");

/** Find a person by e-mail; see their invitations and answers; opt them out or erase them. */
export function ContactsScreen() {
  const t = useT();
  const at = useDateTime();
  const { q = "", id } = route.useSearch();
  const navigate = useNavigate();
  const found = useContactSearch(q);
  const [status, setStatus] = useStatusMessage();
  const resultsId = useId();

  const search = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const value = String(new FormData(e.currentTarget).get("q") ?? "").trim();
    setStatus("");
    void navigate({ to: "/contacts", search: { q: value || undefined } });
  };
  const state = (c: Contact) =>
    c.optedOutAt
      ? t("month.contacts.optedOut", { date: at(c.optedOutAt) })
      : c.emailInvalidAt
        ? t("month.contacts.invalid")
        : t("month.contacts.active");

  return (
    <Page title={t("month.contacts.title")}>
      <p className="hint">{t("month.contacts.help")}</p>
      <StatusMessage message={status} />
      <form onSubmit={search} className="inline-search">
        <TextField
          key={q}
          label={t("month.contacts.search")}
          name="q"
          type="search"
          defaultValue={q}
          autoComplete="off"
          maxLength={200}
        />
        <div className="actions">
          <button type="submit" className="primary">
            {t("month.contacts.find")}
          </button>
        </div>
      </form>
      <ErrorAlert error={found.error} />
      {id ? (
        <ContactDetail
          id={id}
          onDone={(message) => {
            setStatus(message);
            void navigate({ to: "/contacts", search: { q: q || undefined } });
          }}
        />
      ) : (
        q && (
          <section aria-labelledby={resultsId}>
            <h2 id={resultsId}>{t("month.contacts.results")}</h2>
            {found.isPending ? (
              <Loading />
            ) : (
              <DataTable
                labelledBy={resultsId}
                rows={found.data?.items ?? []}
                rowKey={(c) => c.id}
                empty={t("month.contacts.none")}
                columns={[
                  { header: t("month.contacts.col.email"), cell: (c) => c.email ?? "" },
                  { header: t("month.contacts.col.name"), cell: (c) => c.name ?? "" },
                  { header: t("month.contacts.col.status"), cell: state },
                  { header: t("month.contacts.col.lastSurveyed"), cell: (c) => at(c.lastSurveyedAt) },
                  {
                    header: t("month.contacts.col.actions"),
                    cell: (c) => (
                      <button
                        type="button"
                        aria-label={t("month.contacts.openFor", { email: c.email ?? c.name ?? c.id })}
                        onClick={() => void navigate({ to: "/contacts", search: { q, id: c.id } })}
                      >
                        {t("month.contacts.open")}
                      </button>
                    ),
                  },
                ]}
              />
            )}
          </section>
        )
      )}
    </Page>
  );
}

/** One person: the invitations with their answers, and the two acts on them. */
function ContactDetail({ id, onDone }: { id: string; onDone: (message: string) => void }) {
  const t = useT();
  const at = useDateTime();
  const canWrite = useCan("contacts:write");
  const history = useContactHistory(id);
  const change = useContactChange();
  const headingId = useId();
  const c = history.data?.contact;
  const who = c?.email ?? c?.name ?? id;

  return (
    <section aria-labelledby={c ? headingId : undefined}>
      <ErrorAlert error={history.error ?? change.optOut.error ?? change.erase.error} />
      {history.isPending ? (
        <Loading />
      ) : c ? (
        <>
          <h2 id={headingId}>{t("month.contacts.history", { email: who })}</h2>
          <DataTable
            labelledBy={headingId}
            rows={history.data?.invitations ?? []}
            rowKey={(i) => i.id}
            empty={t("month.contacts.noInvitations")}
            columns={[
              { header: t("month.contacts.col.survey"), cell: (i) => i.surveyName },
              {
                header: t("month.contacts.col.state"),
                cell: (i) => t(`invitationState.${i.state}` as MessageId),
              },
              { header: t("month.contacts.col.sent"), cell: (i) => at(i.sentAt ?? i.createdAt) },
              {
                header: t("month.contacts.col.score"),
                numeric: true,
                cell: (i) => (i.answer ? i.answer.score : t("month.contacts.notAnswered")),
              },
              {
                header: t("month.contacts.col.satisfaction"),
                numeric: true,
                cell: (i) => i.answer?.satisfaction ?? "",
              },
              { header: t("month.contacts.col.comment"), cell: (i) => i.answer?.comment ?? "" },
            ]}
          />
          {canWrite && (
            <div className="actions">
              {!c.optedOutAt && (
                <ConfirmButton
                  label={t("month.contacts.optOut")}
                  accessibleName={`${t("month.contacts.optOut")}: ${who}`}
                  question={t("month.contacts.optOutQuestion")}
                  confirmLabel={t("month.contacts.confirmOptOut")}
                  onConfirm={() =>
                    change.optOut.mutate(id, {
                      onSuccess: () => onDone(t("month.contacts.optedOutDone", { email: who })),
                    })
                  }
                />
              )}
              <ConfirmButton
                label={t("month.contacts.erase")}
                accessibleName={`${t("month.contacts.erase")}: ${who}`}
                question={t("month.contacts.eraseQuestion")}
                confirmLabel={t("month.contacts.confirmErase")}
                onConfirm={() =>
                  change.erase.mutate(id, { onSuccess: () => onDone(t("month.contacts.erased")) })
                }
              />
            </div>
          )}
        </>
      ) : null}
      <p>
        <button type="button" onClick={() => onDone("")}>
          {t("month.contacts.back")}
        </button>
      </p>
    </section>
  );
}
