import { useId } from "react";
import { DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { useLocale } from "../../i18n/locale.tsx";
import { useT } from "../../i18n/use-t.ts";
import { type Period, type ThemeLanguage, type ThemeRow, useThemeReport } from "../../lib/themes.ts";
import { FigureText } from "../dashboard/flags.tsx";
import { useReportFormat } from "../dashboard/format.ts";
import { useFigureColumns } from "../group/figure-columns.tsx";

/** The theme's name in the interface language (Estonian, Russian or English; English for the others). */
export function useThemeName() {
  const { locale } = useLocale();
  const language: ThemeLanguage = locale === "et" || locale === "ru" ? locale : "en";
  return (names: Record<ThemeLanguage, string>) => names[language];
}

/** Per theme: answers mentioning it, their figures, the detractor share and the change from the previous period. */
export function ThemeReportSection({ period }: { period: Period }) {
  const t = useT();
  const f = useReportFormat();
  const name = useThemeName();
  const report = useThemeReport(period);
  const headingId = useId();
  const figureColumns = useFigureColumns<ThemeRow>((r) => r.figures).filter(
    (c) => c.header !== t("dash.col.rate"),
  );
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("themes.report.title")}</h2>
      <p className="hint">{t("themes.report.help", { min: report.data?.minSample ?? 5 })}</p>
      <ErrorAlert error={report.error} />
      {report.isPending ? (
        <Loading />
      ) : (
        <>
          <p>
            {t("themes.report.analysed", {
              analysed: report.data?.commentsAnalysed ?? 0,
              waiting: report.data?.commentsWaiting ?? 0,
            })}
          </p>
          <DataTable
            labelledBy={headingId}
            rows={report.data?.themes ?? []}
            rowKey={(r) => r.themeId}
            empty={t("themes.report.empty")}
            columns={[
              { header: t("themes.col.theme"), cell: (r) => name(r.names) },
              { header: t("themes.col.mentions"), numeric: true, cell: (r) => f.count(r.mentions) },
              {
                header: t("themes.col.previousMentions"),
                numeric: true,
                cell: (r) => f.count(r.previousMentions),
              },
              ...figureColumns.filter((c) => c.header !== t("dash.col.answers")),
              {
                header: t("themes.col.detractors"),
                numeric: true,
                cell: (r) => (r.figures.detractorPct === null ? "" : f.pct(r.figures.detractorPct)),
              },
              {
                header: t("themes.col.change"),
                numeric: true,
                cell: (r) => <FigureText value={r.npsChange} format={f.index} />,
              },
            ]}
          />
        </>
      )}
    </section>
  );
}
