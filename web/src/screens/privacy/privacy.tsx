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
  type SurveyPeriods,
  type SurveyRetention,
  useErasePerson,
  useExportPerson,
  useFlaggedComments,
  useRedactComment,
  useRetention,
  useRetentionPreview,
  useSaveRetention,
  useSaveSurveyRetention,
  useSearchPerson,
  useSurveyRetentions,
} from "../../lib/privacy.ts";
import { useSurveys } from "../../lib/surveys.ts";

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
      <SurveyRetentionSection />
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
              {
                header: t("privacy.comments.comment"),
                cell: (c) => [c.comment, ...c.textAnswers].filter(Boolean).join(" · "),
              },
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
                onClick={() => exportPerson.mutate({ q: query, format: "json" })}
              >
                {t("privacy.person.export")}
              </button>
              <button
                type="button"
                disabled={exportPerson.isPending}
                onClick={() => exportPerson.mutate({ q: query, format: "pdf" })}
              >
                {t("privacy.person.exportPdf")}
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

const SURVEY_KEYS: (keyof SurveyPeriods)[] = [
  "invitationMonths",
  "respondentMonths",
  "callbackMonths",
  "commentMonths",
];
const EMPTY_SURVEY_DRAFT = {
  invitationMonths: "",
  respondentMonths: "",
  callbackMonths: "",
  commentMonths: "",
};

/** Blank fields are the organisation's period; filled ones must be whole months from 1 to 120. */
const validSurveyPeriods = (draft: Record<keyof SurveyPeriods, string>): SurveyPeriods | null => {
  const entries = SURVEY_KEYS.map((k) => [k, draft[k].trim() === "" ? null : Number(draft[k])] as const);
  return entries.every(([, n]) => n === null || (Number.isInteger(n) && n >= 1 && n <= 120))
    ? (Object.fromEntries(entries) as SurveyPeriods)
    : null;
};

/** Surveys that keep personal data for a shorter or longer time than the organisation. */
function SurveyRetentionSection() {
  const t = useT();
  const headingId = useId();
  const [status, setStatus] = useStatusMessage();
  const list = useSurveyRetentions();
  const surveys = useSurveys();
  const save = useSaveSurveyRetention();
  const [surveyId, setSurveyId] = useState("");
  const [draft, setDraft] = useState(EMPTY_SURVEY_DRAFT);
  const periods = validSurveyPeriods(draft);
  const months = (n: number | null) =>
    n === null ? t("privacy.surveyRetention.inherited") : t("privacy.surveyRetention.months", { n });
  const choose = (id: string) => {
    setSurveyId(id);
    const own = list.data?.items.find((i) => i.surveyId === id);
    setDraft(
      own
        ? {
            invitationMonths: own.invitationMonths === null ? "" : String(own.invitationMonths),
            respondentMonths: own.respondentMonths === null ? "" : String(own.respondentMonths),
            callbackMonths: own.callbackMonths === null ? "" : String(own.callbackMonths),
            commentMonths: own.commentMonths === null ? "" : String(own.commentMonths),
          }
        : EMPTY_SURVEY_DRAFT,
    );
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (surveyId && periods)
      save.mutate({ surveyId, periods }, { onSuccess: () => setStatus(t("privacy.surveyRetention.saved")) });
  };
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("privacy.surveyRetention.title")}</h2>
      <p>{t("privacy.surveyRetention.help")}</p>
      <StatusMessage message={status} />
      <ErrorAlert error={list.error ?? surveys.error ?? save.error} />
      {list.isPending ? (
        <Loading />
      ) : (
        <DataTable
          labelledBy={headingId}
          rows={list.data?.items ?? []}
          rowKey={(r) => r.surveyId}
          empty={t("privacy.surveyRetention.empty")}
          columns={[
            { header: t("privacy.surveyRetention.survey"), cell: (r) => r.surveyName },
            ...SURVEY_KEYS.map((k) => ({
              header: t(`privacy.retention.${k}` as MessageId),
              cell: (r: SurveyRetention) => months(r[k]),
            })),
            {
              header: t("privacy.comments.action"),
              cell: (r) => (
                <ConfirmButton
                  label={t("privacy.surveyRetention.remove")}
                  accessibleName={t("privacy.surveyRetention.removeNamed", { survey: r.surveyName })}
                  question={t("privacy.surveyRetention.removeQuestion")}
                  confirmLabel={t("privacy.surveyRetention.remove")}
                  disabled={save.isPending}
                  onConfirm={() =>
                    save.mutate(
                      { surveyId: r.surveyId, periods: null },
                      { onSuccess: () => setStatus(t("privacy.surveyRetention.removed")) },
                    )
                  }
                />
              ),
            },
          ]}
        />
      )}
      <form onSubmit={submit} aria-label={t("privacy.surveyRetention.formTitle")}>
        <h3>{t("privacy.surveyRetention.formTitle")}</h3>
        <SelectField
          label={t("privacy.surveyRetention.survey")}
          name="surveyId"
          required
          value={surveyId}
          onChange={(e) => choose(e.target.value)}
        >
          <option value="">{t("privacy.surveyRetention.choose")}</option>
          {(surveys.data ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
        {SURVEY_KEYS.map((k) => (
          <TextField
            key={k}
            name={`survey-${k}`}
            type="number"
            min={1}
            max={120}
            label={t(`privacy.surveyRetention.${k}` as MessageId)}
            hint={t("privacy.surveyRetention.blankHint")}
            value={draft[k]}
            onChange={(e) => setDraft({ ...draft, [k]: e.target.value })}
          />
        ))}
        {!periods && <p>{t("privacy.retention.invalid")}</p>}
        <button type="submit" disabled={!surveyId || !periods || save.isPending}>
          {t("privacy.surveyRetention.save")}
        </button>
      </form>
    </section>
  );
}
