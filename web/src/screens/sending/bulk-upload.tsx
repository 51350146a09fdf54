import { getRouteApi, Link } from "@tanstack/react-router";
import { type FormEvent, useRef, useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { FileField } from "../../components/FileField.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Page } from "../../components/Page.tsx";
import { SurveySelect } from "../../components/SurveySelect.tsx";
import { useT } from "../../i18n/use-t.ts";
import { serverFieldErrors } from "../../lib/form.ts";
import { useCan } from "../../lib/me.ts";
import { type BulkReport, bulkFileType, useBulkSend } from "../../lib/sending.ts";
import { useSurveys } from "../../lib/surveys.ts";
import { BulkColumns } from "./bulk-columns.tsx";
import { BulkReportView } from "./bulk-report.tsx";

const route = getRouteApi("/authed/bulk-upload");

/** A mass mailing from a CSV or XLSX file: a dry run shows what would happen row by row, then the real run. */
export function BulkUploadScreen() {
  const t = useT();
  const canSend = useCan("surveys:write");
  const search = route.useSearch();
  const surveys = useSurveys();
  const run = useBulkSend();
  const form = useRef<HTMLFormElement>(null);
  const reportHeading = useRef<HTMLHeadingElement>(null);
  const [surveyId, setSurveyId] = useState(search.surveyId ?? "");
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<{ surveyId?: string; file?: string }>({});
  const [report, setReport] = useState<BulkReport | null>(null);
  const sendable = (surveys.data ?? []).filter((s) => s.kind !== "website");
  const serverSurvey = serverFieldErrors(run.error)["params.id"];

  const start = (dryRun: boolean) => {
    const found: typeof errors = {};
    if (!surveyId) found.surveyId = t("sending.surveyRequired");
    if (!file) found.file = t("import.fileRequired");
    else if (!bulkFileType(file)) found.file = t("bulk.fileType");
    setErrors(found);
    if (found.surveyId || found.file || !file) {
      return requestAnimationFrame(() =>
        form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
    }
    run.mutate(
      { surveyId, file, dryRun },
      {
        onSuccess: (r) => {
          setReport(r);
          requestAnimationFrame(() => reportHeading.current?.focus());
        },
      },
    );
  };
  const reset = () => {
    setReport(null);
    run.reset();
  };

  if (!canSend) {
    return (
      <Page title={t("bulk.title")}>
        <p className="muted">{t("sending.readOnly")}</p>
      </Page>
    );
  }
  return (
    <Page title={t("bulk.title")}>
      <p>
        {t("bulk.intro")} <Link to="/contact-rules">{t("sending.rulesLink")}</Link>
      </p>
      {surveys.isPending ? (
        <Loading />
      ) : (
        <form
          ref={form}
          noValidate
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            start(true);
          }}
        >
          <SurveySelect
            label={t("answers.survey")}
            surveys={sendable}
            value={surveyId}
            onChange={(e) => {
              setSurveyId(e.target.value);
              reset();
            }}
            error={errors.surveyId ?? serverSurvey}
            required
          />
          <FileField
            label={t("bulk.file")}
            hint={t("bulk.fileHint")}
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            error={errors.file}
            onFile={(f) => {
              setFile(f);
              reset();
            }}
          />
          <div className="actions">
            <button type="submit" className="primary" disabled={run.isPending}>
              {t("bulk.check")}
            </button>
          </div>
        </form>
      )}
      <ErrorAlert error={run.error} fields={["params.id"]} />
      {run.isPending && <Loading />}
      {report && <BulkReportView report={report} headingRef={reportHeading} />}
      {report?.dryRun && (
        <div className="actions confirm-box">
          <p>
            {report.scheduled > 0
              ? t("bulk.confirmText", { count: report.scheduled })
              : t("bulk.nothingToSend")}
          </p>
          {report.scheduled > 0 && (
            <button type="button" className="primary" disabled={run.isPending} onClick={() => start(false)}>
              {t("bulk.run", { count: report.scheduled })}
            </button>
          )}
        </div>
      )}
      {report && !report.dryRun && (
        <p className="alert success">{t("bulk.done", { count: report.scheduled })}</p>
      )}
      <BulkColumns />
    </Page>
  );
}
