import { useId, useState } from "react";
import { useIntl } from "react-intl";
import { useT } from "../i18n/use-t.ts";
import "./export-buttons.css";

/** The address of a table download: `path` is `summary` or `responses`, the query the screen's own. */
export const exportHref = (path: "summary" | "responses" | "kpi", format: "csv" | "xlsx", query: string) =>
  `/api/v1/exports/${path}.${format}?${query}`;

type ExportButtonsProps = {
  /** Which table: the report summary (same query as GET /reports/summary), the answers list or the KPIs. */
  path: "summary" | "responses" | "kpi";
  /** The query string the screen itself uses, so the file holds the screen's figures. */
  query: string;
  /** What the table is, for the links' accessible names ("By service"). */
  table: string;
};

/** CSV and XLSX download links for a table shown on screen, with the screen's filters. */
export function ExportButtons({ path, query, table }: ExportButtonsProps) {
  const t = useT();
  return (
    <p className="export-buttons">
      <span className="export-label">{t("month.export.title")}:</span>
      <a
        className="export-link"
        href={exportHref(path, "csv", query)}
        download
        aria-label={t("month.export.csvFor", { table })}
      >
        {t("month.export.csv")}
      </a>
      <a
        className="export-link"
        href={exportHref(path, "xlsx", query)}
        download
        aria-label={t("month.export.xlsxFor", { table })}
      >
        {t("month.export.xlsx")}
      </a>
    </p>
  );
}

/** The month before `day`'s month (YYYY-MM): the last complete month. */
export function lastCompleteMonth(day: string): string {
  const [y, m] = day.split("-").map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
};

/** The monthly PDF report of a chosen month (the last complete one by default), in the UI's language. */
export function MonthlyReportLink({ initialMonth }: { initialMonth?: string }) {
  const t = useT();
  const { locale } = useIntl();
  const id = useId();
  const hintId = useId();
  const [month, setMonth] = useState(initialMonth ?? lastCompleteMonth(today()));
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  return (
    <div className="export-pdf">
      <div className="field">
        <label htmlFor={id}>{t("month.export.month")}</label>
        <p className="hint" id={hintId}>
          {t("month.export.pdfHelp")}
        </p>
        <input
          id={id}
          type="month"
          value={month}
          aria-describedby={hintId}
          onChange={(e) => setMonth(e.target.value)}
        />
      </div>
      <p className="export-buttons">
        {valid ? (
          <a
            className="export-link"
            href={`/api/v1/exports/monthly-report.pdf?month=${month}&lang=${locale}`}
            download
            aria-label={t("month.export.pdfFor", { month })}
          >
            {t("month.export.pdf")}
          </a>
        ) : null}
      </p>
    </div>
  );
}
