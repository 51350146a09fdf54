import { useId } from "react";
import { useT } from "../../i18n/use-t.ts";
import type { ReportFigures } from "../../lib/reports.ts";
import { ChartFigure } from "./chart-figure.tsx";
import { useReportFormat } from "./format.ts";

const W = 680;
const H = 104;
// Accent 6.4:1 on white; the "sent" bar is an outline of grey 5:1, so the two differ by more than colour.
const ACCENT = "#0b57d0";
const GREY = "#6b6f76";

/** Invitations sent and answered: two bars, the answered one as a share of the sent one. */
export function ResponseChart({ figures }: { figures: ReportFigures }) {
  const t = useT();
  const f = useReportFormat();
  const headingId = useId();
  const sent = figures.invitationsSent;
  const answered = figures.invitationAnswers;
  const values = { sent: f.count(sent), answered: f.count(answered), rate: f.pct(figures.responseRate ?? 0) };
  const summary = sent === 0 ? t("dash.response.none") : t("dash.response.summary", values);
  const barW = W - 200;
  const answeredW = sent ? Math.min(1, answered / sent) * barW : 0;

  const svg = (
    <>
      <text x={0} y={26} fontSize="13" fill="#1b1b1f">
        {t("dash.col.sent")}
      </text>
      <rect x={190} y={10} width={barW} height={24} fill="#fff" stroke={GREY} strokeWidth={2} />
      <text x={196} y={27} fontSize="12" fill="#1b1b1f">
        {f.count(sent)}
      </text>
      <text x={0} y={76} fontSize="13" fill="#1b1b1f">
        {t("dash.col.answered")}
      </text>
      <rect x={190} y={60} width={answeredW} height={24} fill={ACCENT} />
      <text x={190 + answeredW + 6} y={77} fontSize="12" fill="#1b1b1f">
        {`${f.count(answered)} (${values.rate})`}
      </text>
    </>
  );

  const table = (
    // biome-ignore lint/a11y/useSemanticElements: a scrollable region must be reachable by keyboard
    // biome-ignore lint/a11y/noNoninteractiveTabindex: see above
    <div className="table-wrap" role="region" aria-labelledby={headingId} tabIndex={0}>
      <table aria-labelledby={headingId}>
        <thead>
          <tr>
            <th scope="col" className="num">
              {t("dash.col.sent")}
            </th>
            <th scope="col" className="num">
              {t("dash.col.answered")}
            </th>
            <th scope="col" className="num">
              {t("dash.col.rate")}
            </th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td className="num">{f.count(sent)}</td>
            <td className="num">{f.count(answered)}</td>
            <td className="num">{figures.responseRate === null ? "" : f.pct(figures.responseRate)}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );

  return (
    <section aria-labelledby={headingId} className="dash-section">
      <h2 id={headingId}>{t("dash.response.title")}</h2>
      <ChartFigure label={summary} summary={summary} width={W} height={H} svg={svg} table={table} />
      <p className="hint">{t("dash.response.note")}</p>
    </section>
  );
}
