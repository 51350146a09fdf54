import { useMutation } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { type FormEvent, useId, useRef, useState } from "react";
import { api } from "../../api.ts";
import { DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { FileField } from "../../components/FileField.tsx";
import { Figures } from "../../components/Figures.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Page } from "../../components/Page.tsx";
import { RefMatches } from "../../components/RefMatches.tsx";
import { useT } from "../../i18n/use-t.ts";
import { useCan } from "../../lib/me.ts";
import type { ImportReport } from "../../lib/survey-types.ts";
import { useSurvey } from "../../lib/surveys.ts";
import { ImportColumns } from "./import-columns.tsx";

const route = getRouteApi("/authed/surveys/$surveyId/import");

/** Imports historical answers from CSV into one survey: check first (dry run), then import for real. */
export function SurveyImportScreen() {
  const t = useT();
  const { surveyId } = route.useParams();
  const survey = useSurvey(surveyId);
  const canWrite = useCan("responses:write");
  const form = useRef<HTMLFormElement>(null);
  const reportId = useId();
  const errorsId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState("");
  const [report, setReport] = useState<ImportReport | null>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const run = useMutation({
    mutationFn: async ({ csv, dryRun }: { csv: string; dryRun: boolean }) =>
      api.upload<ImportReport>(
        `/api/v1/surveys/${surveyId}/responses/import?dryRun=${dryRun}`,
        csv,
        "text/csv",
      ),
    onSuccess: (r) => {
      setReport(r);
      requestAnimationFrame(() => resultHeading.current?.focus());
    },
  });

  const start = async (dryRun: boolean) => {
    if (!file) {
      setFileError(t("import.fileRequired"));
      return requestAnimationFrame(() =>
        form.current?.querySelector<HTMLElement>("input[type=file]")?.focus(),
      );
    }
    setFileError("");
    run.mutate({ csv: await file.text(), dryRun });
  };

  const title = survey.data ? t("import.title", { name: survey.data.name }) : t("import.titleShort");
  const toImport = report ? report.valid - report.alreadyImported : 0;

  return (
    <Page title={title}>
      <p>
        <Link to="/surveys/$surveyId" params={{ surveyId }}>
          {t("import.back")}
        </Link>
      </p>
      {survey.isPending && <Loading />}
      <ErrorAlert error={survey.error} />
      <p>{t("import.intro")}</p>
      {!canWrite ? (
        <p className="muted">{t("import.readOnly")}</p>
      ) : (
        <form
          ref={form}
          noValidate
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            void start(true);
          }}
        >
          <FileField
            label={t("import.file")}
            hint={t("import.fileHint")}
            accept=".csv,text/csv"
            error={fileError}
            onFile={(f) => {
              setFile(f);
              setReport(null);
              run.reset();
            }}
          />
          <div className="actions">
            <button type="submit" className="primary" disabled={run.isPending}>
              {t("import.check")}
            </button>
          </div>
        </form>
      )}
      <ErrorAlert error={run.error} />
      {run.isPending && <Loading />}
      {report && (
        <section aria-labelledby={reportId} className="report">
          <h2 id={reportId} ref={resultHeading} tabIndex={-1}>
            {report.dryRun ? t("import.checkResult") : t("import.result")}
          </h2>
          <Figures
            items={[
              { label: t("import.rows"), value: report.rows },
              { label: t("import.valid"), value: report.valid },
              { label: t("import.already"), value: report.alreadyImported },
              { label: t("import.errors"), value: report.errors.length },
              report.dryRun
                ? { label: t("import.wouldImport"), value: toImport }
                : { label: t("import.imported"), value: report.imported },
            ]}
          />
          {report.errors.length > 0 && (
            <>
              <h3 id={errorsId}>{t("import.errorRows")}</h3>
              <DataTable
                labelledBy={errorsId}
                rows={report.errors}
                rowKey={(e) => `${e.line}:${e.reason}`}
                empty=""
                columns={[
                  { header: t("import.line"), cell: (e) => e.line, numeric: true },
                  { header: t("import.reason"), cell: (e) => e.reason },
                ]}
              />
            </>
          )}
          <RefMatches matches={report.matches ?? []} />
          {report.dryRun ? (
            <div className="actions">
              <p>
                {toImport > 0 ? t("import.confirmText", { count: toImport }) : t("import.nothingToImport")}
              </p>
              {toImport > 0 && (
                <button
                  type="button"
                  className="primary"
                  disabled={run.isPending}
                  onClick={() => void start(false)}
                >
                  {t("import.run", { count: toImport })}
                </button>
              )}
            </div>
          ) : (
            <p className="alert success">{t("import.done", { count: report.imported })}</p>
          )}
        </section>
      )}
      <ImportColumns />
    </Page>
  );
}
