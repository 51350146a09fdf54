import { Link } from "@tanstack/react-router";
import { useId, useState } from "react";
import { ArchiveButton } from "../../components/ArchiveButton.tsx";
import { ArchivedToggle } from "../../components/ArchivedToggle.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { ItemTable } from "../../components/ItemTable.tsx";
import { ListSection } from "../../components/ListSection.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Page } from "../../components/Page.tsx";
import { StatusMessage, useStatusMessage } from "../../components/StatusMessage.tsx";
import { useDateTime, useT } from "../../i18n/use-t.ts";
import { useCan } from "../../lib/me.ts";
import type { SurveySummary } from "../../lib/survey-types.ts";
import { useArchiveSurvey, useSurveys } from "../../lib/surveys.ts";
import { SurveyCreateForm } from "./survey-create-form.tsx";

/** The organisation's surveys: list (with archived ones on request), archive/restore, and a new survey. */
export function SurveysScreen() {
  const t = useT();
  const date = useDateTime();
  const canWrite = useCan("surveys:write");
  const listId = useId();
  const [showArchived, setShowArchived] = useState(false);
  const [status, setStatus] = useStatusMessage();
  const surveys = useSurveys(showArchived);
  const archive = useArchiveSurvey();

  const toggle = (s: SurveySummary) =>
    archive.mutate(
      { id: s.id, archive: !s.archivedAt },
      {
        onSuccess: () => setStatus(t(s.archivedAt ? "status.restored" : "status.archived", { name: s.name })),
      },
    );

  return (
    <Page title={t("surveys.title")}>
      <p>{t("surveys.intro")}</p>
      <StatusMessage message={status} />
      <ListSection id={listId} title={t("surveys.list")}>
        <ArchivedToggle label={t("surveys.showArchived")} checked={showArchived} onChange={setShowArchived} />
        <ErrorAlert error={surveys.error ?? archive.error} />
        {surveys.isPending ? (
          <Loading />
        ) : (
          <ItemTable<SurveySummary>
            labelledBy={listId}
            items={surveys.data ?? []}
            empty={t("surveys.empty")}
            columns={[
              {
                header: t("field.name"),
                cell: (s) => (
                  <Link to="/surveys/$surveyId" params={{ surveyId: s.id }}>
                    {s.name}
                  </Link>
                ),
              },
              { header: t("surveys.kind"), cell: (s) => t(`surveyKind.${s.kind}`) },
              { header: t("surveys.version"), cell: (s) => s.currentVersion },
              { header: t("surveys.updated"), cell: (s) => date(s.updatedAt) },
            ]}
            actions={
              canWrite
                ? (s) => (
                    <ArchiveButton
                      name={s.name}
                      archived={!!s.archivedAt}
                      disabled={archive.isPending}
                      onClick={() => toggle(s)}
                    />
                  )
                : undefined
            }
          />
        )}
      </ListSection>
      {canWrite ? <SurveyCreateForm /> : <p className="muted">{t("surveys.readOnly")}</p>}
    </Page>
  );
}
