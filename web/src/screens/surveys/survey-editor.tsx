import { getRouteApi } from "@tanstack/react-router";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Page } from "../../components/Page.tsx";
import { useT } from "../../i18n/use-t.ts";
import { useSurvey } from "../../lib/surveys.ts";
import { SurveyEditorForm } from "./survey-editor-form.tsx";

const route = getRouteApi("/authed/surveys/$surveyId");

/** One survey: its settings, texts in every language, further questions, a live preview and its links. */
export function SurveyEditorScreen() {
  const t = useT();
  const { surveyId } = route.useParams();
  const { created } = route.useSearch();
  const survey = useSurvey(surveyId);
  if (!survey.data) {
    return (
      <Page title={t("surveyEditor.loadingTitle")}>
        {survey.error ? <ErrorAlert error={survey.error} /> : <Loading />}
      </Page>
    );
  }
  // A new key after saving elsewhere (another tab) would discard edits; the id alone keeps the draft.
  return <SurveyEditorForm key={survey.data.id} survey={survey.data} created={created === "1"} />;
}
