import { getRouteApi, Link } from "@tanstack/react-router";
import { type FormEvent, useRef, useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { SelectField, TextField } from "../../components/Field.tsx";
import { FormActions } from "../../components/FormActions.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Page } from "../../components/Page.tsx";
import { SurveySelect } from "../../components/SurveySelect.tsx";
import { TagFields, tagsFromForm } from "../../components/TagFields.tsx";
import { useT } from "../../i18n/use-t.ts";
import {
  type FieldErrors,
  focusFirstInvalid,
  looksLikeEmail,
  serverFieldErrors,
  text,
} from "../../lib/form.ts";
import { useCan } from "../../lib/me.ts";
import { type ScheduleResult, type SendBody, useSendOne } from "../../lib/sending.ts";
import { isSurveyLocale, SURVEY_LANGUAGE_NAMES } from "../../lib/survey-types.ts";
import { useSurvey, useSurveys } from "../../lib/surveys.ts";
import { SendResult } from "./send-result.tsx";

const route = getRouteApi("/authed/send");
const FIELDS = [
  "surveyId",
  "email",
  "name",
  "locale",
  "occurredAt",
  "tags.serviceId",
  "tags.departmentId",
  "tags.employeeId",
  "tags.channelId",
  "tags.audience",
];

/** Invites one person to a survey from the admin app; the contact rules decide when it goes. */
export function SendScreen() {
  const t = useT();
  const canSend = useCan("surveys:write");
  const search = route.useSearch();
  const surveys = useSurveys();
  const [surveyId, setSurveyId] = useState(search.surveyId ?? "");
  const survey = useSurvey(surveyId);
  const send = useSendOne();
  const form = useRef<HTMLFormElement>(null);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [result, setResult] = useState<{ result: ScheduleResult; email: string } | null>(null);
  const server = serverFieldErrors(send.error);
  // The survey travels in the path: its errors are named params.id.
  const errors: FieldErrors = {
    ...server,
    surveyId: server["params.id"] ?? server.surveyId,
    ...clientErrors,
  };
  const sendable = (surveys.data ?? []).filter((s) => s.kind !== "website");

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const email = text(data, "email");
    const found: FieldErrors = {};
    if (!surveyId) found.surveyId = t("sending.surveyRequired");
    if (!email) found.email = t("send.emailRequired");
    else if (!looksLikeEmail(email)) found.email = t("field.emailInvalid");
    setClientErrors(found);
    setResult(null);
    if (Object.keys(found).length) return focusFirstInvalid(form.current);
    const body: SendBody = { email };
    const name = text(data, "name");
    const locale = text(data, "locale");
    const occurred = text(data, "occurredAt");
    if (name) body.name = name;
    if (locale) body.locale = locale;
    if (occurred) body.occurredAt = new Date(occurred).toISOString();
    const tags = tagsFromForm(data);
    if (Object.keys(tags).length) body.tags = tags;
    send.mutate(
      { surveyId, body },
      {
        onSuccess: (r) => {
          setResult({ result: r, email });
          // The next person: keep the survey and tags, clear who it was.
          for (const field of ["email", "name"]) {
            const input = form.current?.elements.namedItem(field);
            if (input instanceof HTMLInputElement) input.value = "";
          }
        },
        onError: () => focusFirstInvalid(form.current),
      },
    );
  };

  if (!canSend) {
    return (
      <Page title={t("send.title")}>
        <p className="muted">{t("sending.readOnly")}</p>
      </Page>
    );
  }
  return (
    <Page title={t("send.title")}>
      <p>
        {t("send.intro")} <Link to="/contact-rules">{t("sending.rulesLink")}</Link>
      </p>
      {result && <SendResult result={result.result} email={result.email} />}
      <ErrorAlert error={send.error} fields={[...FIELDS, "params.id"]} />
      {surveys.isPending ? (
        <Loading />
      ) : (
        <form ref={form} onSubmit={submit} noValidate>
          <SurveySelect
            label={t("answers.survey")}
            name="surveyId"
            surveys={sendable}
            value={surveyId}
            onChange={(e) => setSurveyId(e.target.value)}
            error={errors.surveyId}
            required
          />
          <TextField
            label={t("field.email")}
            name="email"
            type="email"
            autoComplete="off"
            required
            error={errors.email}
          />
          <TextField label={t("send.name")} name="name" autoComplete="off" error={errors.name} />
          <SelectField
            label={t("send.language")}
            hint={t("send.languageHint")}
            name="locale"
            defaultValue=""
            error={errors.locale}
          >
            <option value="">{t("send.languageDefault")}</option>
            {(survey.data?.definition.locales ?? []).filter(isSurveyLocale).map((l) => (
              <option key={l} value={l} lang={l}>
                {SURVEY_LANGUAGE_NAMES[l]}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t("send.occurredAt")}
            hint={t("send.occurredAtHint")}
            name="occurredAt"
            type="datetime-local"
            error={errors.occurredAt}
          />
          <TagFields errors={errors} />
          <FormActions submitLabel={t("send.submit")} pending={send.isPending} />
        </form>
      )}
    </Page>
  );
}
