import { type FormEvent, useEffect, useId, useState } from "react";
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
  type RetentionCounts,
  type RetentionPeriods,
  useErasePerson,
  useExportPerson,
  useFlaggedComments,
  useRedactComment,
  useRetention,
  useRetentionPreview,
  useSaveRetention,
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
      <RetentionSection />
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
              { header: t("privacy.comments.comment"), cell: (c) => [c.comment, ...c.textAnswers].filter(Boolean).join(" · ") },
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

const PERIOD_KEYS: (keyof RetentionPeriods)[] = [
  "contactMonths",
  "invitationMonths",
  "respondentMonths",
  "callbackMonths",
  "commentMonths",
];
const PREVIEW_KEYS: (keyof RetentionCounts)[] = [
  "contacts",
  "invitations",
  "messages",
  "respondents",
  "callbacks",
  "comments",
];

const validPeriods = (draft: Record<string, string>): RetentionPeriods | null => {
  const entries = PERIOD_KEYS.map((k) => [k, Number(draft[k])] as const);
  return entries.every(([, n]) => Number.isInteger(n) && n >= 1 && n <= 120)
    ? (Object.fromEntries(entries) as RetentionPeriods)
    : null;
};

/** Retention periods: how long personal data is kept, what the next daily run would anonymise, save. */
function RetentionSection() {
  const t = useT();
  const headingId = useId();
  const previewId = useId();
  const [status, setStatus] = useStatusMessage();
  const saved = useRetention();
  const save = useSaveRetention();
  const [draft, setDraft] = useState<Record<string, string> | null>(null);
  useEffect(() => {
    if (saved.data && draft === null)
      setDraft(Object.fromEntries(PERIOD_KEYS.map((k) => [k, String(saved.data[k])])));
  }, [saved.data, draft]);
  const periods = draft ? validPeriods(draft) : null;
  const preview = useRetentionPreview(periods);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (periods) save.mutate(periods, { onSuccess: () => setStatus(t("privacy.retention.saved")) });
  };
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("privacy.retention.title")}</h2>
      <p>{t("privacy.retention.help")}</p>
      <StatusMessage message={status} />
      <ErrorAlert error={saved.error ?? save.error ?? preview.error} />
      {!draft ? (
        <Loading />
      ) : (
        <form onSubmit={submit} aria-labelledby={headingId}>
          {PERIOD_KEYS.map((k) => (
            <TextField
              key={k}
              name={k}
              type="number"
              min={1}
              max={120}
              required
              label={t(`privacy.retention.${k}` as MessageId)}
              value={draft[k]}
              onChange={(e) => setDraft({ ...draft, [k]: e.target.value })}
            />
          ))}
          <section aria-labelledby={previewId} aria-live="polite">
            <h3 id={previewId}>{t("privacy.retention.preview")}</h3>
            {!periods ? (
              <p>{t("privacy.retention.invalid")}</p>
            ) : preview.data ? (
              <ul>
                {PREVIEW_KEYS.map((k) => (
                  <li key={k}>
                    {t(`privacy.retention.count.${k}` as MessageId, { n: preview.data.counts[k] })}
                  </li>
                ))}
              </ul>
            ) : (
              <Loading />
            )}
          </section>
          <button type="submit" disabled={!periods || save.isPending}>
            {t("privacy.retention.save")}
          </button>
        </form>
      )}
    </section>
  );
}
