import { Link } from "@tanstack/react-router";
import { type Ref, useId, useState } from "react";
import { DataTable } from "../../components/DataTable.tsx";
import { Figures } from "../../components/Figures.tsx";
import { RefMatches } from "../../components/RefMatches.tsx";
import { useT } from "../../i18n/use-t.ts";
import type { BulkReport } from "../../lib/sending.ts";
import { useReasonText } from "./reason-text.ts";

const PAGE = 200;

type BulkReportViewProps = { report: BulkReport; headingRef: Ref<HTMLHeadingElement> };

/** A bulk run's report: totals, per reason, per send day, and the rows that are skipped (with their line). */
export function BulkReportView({ report, headingRef }: BulkReportViewProps) {
  const t = useT();
  const reasonText = useReasonText();
  const headingId = useId();
  const reasonsId = useId();
  const daysId = useId();
  const linesId = useId();
  const [shown, setShown] = useState(PAGE);
  const lines = report.skippedRows;
  const reasons = Object.entries(report.byReason).sort((a, b) => b[1] - a[1]);
  const days = Object.entries(report.bySendDay).sort((a, b) => a[0].localeCompare(b[0]));

  return (
    <section aria-labelledby={headingId} className="report">
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {report.dryRun ? t("bulk.checkResult") : t("bulk.result")}
      </h2>
      <Figures
        items={[
          { label: t("bulk.rows"), value: report.rows },
          { label: report.dryRun ? t("bulk.wouldSchedule") : t("bulk.scheduled"), value: report.scheduled },
          { label: report.dryRun ? t("bulk.wouldSkip") : t("bulk.skipped"), value: report.skipped },
        ]}
      />
      {!report.dryRun && report.bulkId && (
        <p>
          <Link to="/invitations" search={{ bulkId: report.bulkId }}>
            {t("bulk.toOverview")}
          </Link>
        </p>
      )}
      <div className="two-tables">
        <div>
          <h3 id={daysId}>{t("bulk.bySendDay")}</h3>
          <DataTable
            labelledBy={daysId}
            rows={days}
            rowKey={([day]) => day}
            empty={t("bulk.none")}
            columns={[
              { header: t("bulk.sendDay"), cell: ([day]) => <time dateTime={day}>{day}</time> },
              { header: t("bulk.count"), cell: ([, n]) => n, numeric: true },
            ]}
          />
        </div>
        <div>
          <h3 id={reasonsId}>{t("bulk.byReason")}</h3>
          <DataTable
            labelledBy={reasonsId}
            rows={reasons}
            rowKey={([reason]) => reason}
            empty={t("bulk.none")}
            columns={[
              { header: t("bulk.reason"), cell: ([reason]) => reasonText(reason) },
              { header: t("bulk.count"), cell: ([, n]) => n, numeric: true },
            ]}
          />
        </div>
      </div>
      <RefMatches matches={report.matches ?? []} />
      <h3 id={linesId}>{t("bulk.skippedRows")}</h3>
      {report.skipped > lines.length && (
        <p className="muted">{t("bulk.skippedShown", { shown: lines.length, total: report.skipped })}</p>
      )}
      <DataTable
        labelledBy={linesId}
        rows={lines.slice(0, shown)}
        rowKey={(l) => String(l.line)}
        empty={t("bulk.none")}
        columns={[
          { header: t("import.line"), cell: (l) => l.line, numeric: true },
          {
            header: t("bulk.reason"),
            cell: (l) => (
              <>
                {reasonText(l.reason)}
                {l.detail && <span className="block small muted">{l.detail}</span>}
              </>
            ),
          },
        ]}
      />
      {lines.length > shown && (
        <button type="button" onClick={() => setShown((n) => n + PAGE)}>
          {t("bulk.moreLines", { count: Math.min(PAGE, lines.length - shown), left: lines.length - shown })}
        </button>
      )}
    </section>
  );
}
