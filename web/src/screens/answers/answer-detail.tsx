import { getRouteApi, Link } from "@tanstack/react-router";
import { type ReactNode, useId } from "react";
import { useIntl } from "react-intl";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Page } from "../../components/Page.tsx";
import { useDateTime, useT } from "../../i18n/use-t.ts";
import { useAnswer } from "../../lib/answers.ts";
import { useCaseOfAnswer } from "../../lib/followup.ts";
import { useCan } from "../../lib/me.ts";
import { useGroupLabel } from "../../lib/groups.ts";
import { useNames } from "../../lib/lookups.ts";
import {
  type Answer,
  isSurveyLocale,
  SURVEY_LANGUAGE_NAMES,
  type SurveyDefinition,
  type Texts,
} from "../../lib/survey-types.ts";
import { useSurveyVersion } from "../../lib/surveys.ts";

const route = getRouteApi("/authed/answers/$answerId");

/** One answer: scores, comment, further answers with the question texts of its survey version, and its tags. */
export function AnswerDetailScreen() {
  const t = useT();
  const { answerId } = route.useParams();
  const filters = route.useSearch();
  const answer = useAnswer(answerId);
  return (
    <Page title={t("answer.title")}>
      <p>
        <Link to="/answers" search={filters}>
          {t("answer.back")}
        </Link>
      </p>
      <ErrorAlert error={answer.error} />
      {answer.isPending && <Loading />}
      {answer.data && <AnswerDetails answer={answer.data} />}
    </Page>
  );
}

function AnswerDetails({ answer: a }: { answer: Answer }) {
  const canSeeCases = useCan("cases:read");
  const t = useT();
  const date = useDateTime();
  const names = useNames();
  const groupLabel = useGroupLabel();
  const version = useSurveyVersion(a.surveyId, a.surveyVersion);
  const scoresId = useId();
  const moreId = useId();
  const tagsId = useId();
  const none = <span className="muted">{t("answer.none")}</span>;
  const language = isSurveyLocale(a.locale) ? SURVEY_LANGUAGE_NAMES[a.locale] : a.locale;
  const questions = version.data?.definition.questions ?? [];
  const followUp = useCaseOfAnswer(a.id, canSeeCases);
  const caseOfAnswer = followUp.data?.items[0];

  return (
    <>
      {caseOfAnswer && (
        <p>
          <Link to="/cases/$caseId" params={{ caseId: caseOfAnswer.id }}>
            {t("answer.case")}
          </Link>
        </p>
      )}
      <section aria-labelledby={scoresId}>
        <h2 id={scoresId}>{t("answer.scores")}</h2>
        <Details
          rows={[
            [
              t("answers.score"),
              <span key="s" className={`score score-${a.group}`}>
                {a.score}
              </span>,
            ],
            [t("answers.group"), groupLabel(a.group)],
            [t("answer.satisfaction"), a.satisfaction ?? none],
            [
              t("answers.comment"),
              a.comment ? (
                <p key="c" className="comment">
                  {a.comment}
                </p>
              ) : (
                none
              ),
            ],
          ]}
        />
      </section>
      <section aria-labelledby={moreId}>
        <h2 id={moreId}>{t("answer.further")}</h2>
        <ErrorAlert error={version.error} />
        {version.isPending ? (
          <Loading />
        ) : questions.length === 0 ? (
          <p className="muted">{t("answer.noFurther")}</p>
        ) : (
          <Details
            rows={questions.map((q) => [
              <QuestionText key={q.id} texts={q.text} def={version.data?.definition} />,
              formatAnswer(a.answers[q.id], q.options, version.data?.definition) ?? none,
            ])}
          />
        )}
      </section>
      <section aria-labelledby={tagsId}>
        <h2 id={tagsId}>{t("answer.about")}</h2>
        <Details
          rows={[
            [
              t("answers.survey"),
              `${names.survey(a.surveyId)} · ${t("answer.version", { version: a.surveyVersion })}`,
            ],
            [t("answers.service"), names.service(a.serviceId) || none],
            [t("field.department"), names.department(a.departmentId) || none],
            [t("answers.employee"), names.employee(a.employeeId) || none],
            [t("answers.channel"), names.channel(a.channelId) || none],
            [t("field.audience"), a.audience ? t(`audience.${a.audience as "external"}`) : none],
            [
              t("answer.language"),
              <span key="l" lang={a.locale}>
                {language}
              </span>,
            ],
            [t("answer.source"), t(`answerSource.${a.source as "email"}`)],
            [t("answers.received"), date(a.receivedAt)],
            [t("answer.updated"), date(a.updatedAt)],
            ...(a.respondentName || a.respondentEmail
              ? [
                  [
                    t("answer.respondent"),
                    [a.respondentName, a.respondentEmail].filter(Boolean).join(", "),
                  ] as [string, string],
                ]
              : []),
          ]}
        />
      </section>
    </>
  );
}

function Details({ rows }: { rows: [ReactNode, ReactNode][] }) {
  return (
    <dl className="details">
      {rows.map(([term, value], i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the rows are fixed for one render
        <div key={i}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A survey text in the interface language when the survey has it, else in the survey's default language. */
function useSurveyText() {
  const { locale } = useIntl();
  return (texts: Texts, def?: SurveyDefinition) => {
    const lang = texts[locale] ? locale : (def?.defaultLocale ?? Object.keys(texts)[0]);
    return { text: texts[lang] ?? "", lang };
  };
}

function QuestionText({ texts, def }: { texts: Texts; def?: SurveyDefinition }) {
  const pick = useSurveyText();
  const { text, lang } = pick(texts, def);
  return <span lang={lang}>{text}</span>;
}

function formatAnswer(
  value: string | string[] | number | undefined,
  options: { id: string; text: Texts }[] | undefined,
  def: SurveyDefinition | undefined,
): ReactNode {
  if (value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) return null;
  if (typeof value === "number") return value;
  const ids = Array.isArray(value) ? value : [value];
  if (!options) return ids.join(", ");
  return (
    <ul className="plain">
      {ids.map((id) => {
        const o = options.find((x) => x.id === id);
        return <li key={id}>{o ? <QuestionText texts={o.text} def={def} /> : id}</li>;
      })}
    </ul>
  );
}
