import { type FormEvent, useId, useState } from "react";
import { ConfirmButton } from "../../components/ConfirmButton.tsx";
import { DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { SelectField, TextField } from "../../components/Field.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Page } from "../../components/Page.tsx";
import { StatusMessage, useStatusMessage } from "../../components/StatusMessage.tsx";
import type { MessageId } from "../../i18n/messages.ts";
import { useDateTime, useT } from "../../i18n/use-t.ts";
import { useCan } from "../../lib/me.ts";
import {
  type PersonCounts,
  type PersonQuery,
  useErasePerson,
  useExportPerson,
  useFlaggedComments,
  useRedactComment,
  useSearchPerson,
} from "../../lib/privacy.ts";

const COUNT_KEYS: (keyof PersonCounts)[] = [
  "contacts",
  "invitations",
  "answers",
  "cases",
  "unsubscribes",
  "messages",
];

/** The privacy screen: personal data in comments, and a person's data (find, export, erase). */
export function PrivacyScreen() {
  const t = useT();
  const canManage = useCan("privacy:manage");
  if (!canManage) {
    return (
      <Page title={t("privacy.title")}>
        <p className="muted">{t("privacy.notAllowed")}</p>
      </Page>
    );
  }
  return (
    <Page title={t("privacy.title")}>
      <p>{t("privacy.intro")}</p>
      <CommentsSection />
      <PersonSection />
    </Page>
  );
}

function CommentsSection() {
  const t = useT();
  const date = useDateTime();
  const headingId = useId();
  const [status, setStatus] = useStatusMessage();
  const flagged = useFlaggedComments(true);
  const redact = useRedactComment();
  const kindNames = (kinds: string[]) => kinds.map((k) => t(`privacy.kind.${k}` as MessageId)).join(", ");
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("privacy.comments.title")}</h2>
      <p>{t("privacy.comments.help")}</p>
      <StatusMessage message={status} />
      <ErrorAlert error={flagged.error ?? redact.error} />
      {flagged.isPending ? (
        <Loading />
      ) : (
        <>
          <p>
            <strong>{t("privacy.comments.count", { n: flagged.data?.count ?? 0 })}</strong>
          </p>
          <DataTable
            labelledBy={headingId}
            rows={flagged.data?.items ?? []}
            rowKey={(c) => c.responseId}
            empty={t("privacy.comments.empty")}
            columns={[
              { header: t("privacy.comments.received"), cell: (c) => date(c.receivedAt) },
              { header: t("privacy.comments.comment"), cell: (c) => c.comment },
              { header: t("privacy.comments.kinds"), cell: (c) => kindNames(c.kinds) },
              {
                header: t("privacy.comments.action"),
                cell: (c) => (
                  <ConfirmButton
                    label={t("privacy.comments.redact")}
                    accessibleName={t("privacy.comments.redactNamed", { date: date(c.receivedAt) })}
                    question={t("privacy.comments.redactQuestion")}
                    confirmLabel={t("privacy.comments.redactConfirm")}
                    disabled={redact.isPending}
                    onConfirm={() =>
                      redact.mutate(c.responseId, {
                        onSuccess: () => setStatus(t("privacy.comments.redacted")),
                      })
                    }
                  />
                ),
              },
            ]}
          />
        </>
      )}
    </section>
  );
}

function PersonSection() {
  const t = useT();
  const date = useDateTime();
  const headingId = useId();
  const resultId = useId();
  const [by, setBy] = useState<"email" | "phone">("email");
  const [value, setValue] = useState("");
  const [query, setQuery] = useState<PersonQuery | null>(null);
  const search = useSearchPerson();
  const exportPerson = useExportPerson();
  const erase = useErasePerson();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const q: PersonQuery = by === "email" ? { email: value } : { phone: value };
    setQuery(q);
    erase.reset();
    search.mutate(q);
  };
  const counts = search.data?.counts;
  const total = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : 0;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("privacy.person.title")}</h2>
      <p>{t("privacy.person.help")}</p>
      <form onSubmit={submit} aria-labelledby={headingId}>
        <SelectField
          label={t("privacy.person.by")}
          value={by}
          onChange={(e) => setBy(e.target.value as "email" | "phone")}
        >
          <option value="email">{t("privacy.person.byEmail")}</option>
          <option value="phone">{t("privacy.person.byPhone")}</option>
        </SelectField>
        <TextField
          name="person"
          label={by === "email" ? t("privacy.person.email") : t("privacy.person.phone")}
          type={by === "email" ? "email" : "tel"}
          required
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
        <button type="submit" disabled={search.isPending}>
          {t("privacy.person.search")}
        </button>
      </form>
      <ErrorAlert error={search.error ?? exportPerson.error ?? erase.error} />
      {counts && query && !erase.data && (
        <section aria-labelledby={resultId}>
          <h3 id={resultId}>{t("privacy.person.found")}</h3>
          <ul>
            {COUNT_KEYS.map((k) => (
              <li key={k}>{t(`privacy.person.count.${k}` as MessageId, { n: counts[k] })}</li>
            ))}
          </ul>
          {total === 0 ? (
            <p>{t("privacy.person.nothing")}</p>
          ) : (
            <div className="form-actions">
              <button
                type="button"
                disabled={exportPerson.isPending}
                onClick={() => exportPerson.mutate(query)}
              >
                {t("privacy.person.export")}
              </button>
              <ConfirmButton
                label={t("privacy.person.erase")}
                accessibleName={t("privacy.person.erase")}
                question={t("privacy.person.eraseQuestion")}
                confirmLabel={t("privacy.person.eraseConfirm")}
                disabled={erase.isPending}
                onConfirm={() => erase.mutate(query)}
              />
            </div>
          )}
        </section>
      )}
      {erase.data && (
        <section aria-labelledby={resultId} role="status">
          <h3 id={resultId}>{t("privacy.person.receipt")}</h3>
          <p>{t("privacy.person.receiptWhen", { date: date(erase.data.erasedAt) })}</p>
          <ul>
            {COUNT_KEYS.map((k) => (
              <li key={k}>{t(`privacy.person.count.${k}` as MessageId, { n: erase.data.removed[k] })}</li>
            ))}
          </ul>
          <p>{t("privacy.person.receiptNote")}</p>
        </section>
      )}
    </section>
  );
}
