import { Link } from "@tanstack/react-router";
import { useId } from "react";
import { useIntl } from "react-intl";
import { useT } from "../../i18n/use-t.ts";
import { useActiveOrg } from "../../lib/me.ts";
import { type CalibrationSession, seesEveryCalibrationTrend, share1 } from "../../lib/quality-calibration.ts";

type Results = NonNullable<CalibrationSession["results"]>;

/** Which plain-language reading of alpha applies (Krippendorff's own thresholds 0.8 and 0.667). */
const alphaReading = (alpha: number | null) =>
  alpha === null ? "none" : alpha >= 0.8 ? "reliable" : alpha >= 0.667 ? "tentative" : "low";

/** The spread per criterion, each evaluator's deviation from the median, alpha and the reference. */
export function CalibrationResults({ session, results }: { session: CalibrationSession; results: Results }) {
  const t = useT();
  const { formatNumber } = useIntl();
  const { me, org } = useActiveOrg();
  const mayFollow = (userId: string) =>
    (org && seesEveryCalibrationTrend(org.role)) || userId === me?.user.id;
  const ids = { heading: useId(), criteria: useId(), evaluators: useId() };
  const panel = session.participants.filter((p) => p.submittedAt !== null);
  const num = (v: number | null | undefined) => (v === null || v === undefined ? "–" : formatNumber(v));
  const signed = (v: number) => (v > 0 ? `+${formatNumber(v)}` : formatNumber(v));
  return (
    <section aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>{t("quality.calibration.results")}</h2>
      <p>
        <strong>
          {results.alpha === null
            ? t("quality.calibration.alphaNone")
            : t("quality.calibration.alpha", {
                alpha: formatNumber(results.alpha, { maximumFractionDigits: 3 }),
              })}
        </strong>{" "}
        {t(`quality.calibration.alphaReading.${alphaReading(results.alpha)}`)}
      </p>
      <p className="hint">{t("quality.calibration.alphaHelp")}</p>
      <p className="hint">{t("quality.calibration.deviationHelp")}</p>
      {/* biome-ignore lint/a11y/useSemanticElements: a scrollable table must be reachable by keyboard */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: see above */}
      <div className="table-wrap" role="region" aria-labelledby={ids.criteria} tabIndex={0}>
        <table>
          <caption id={ids.criteria}>{t("quality.calibration.perCriterion")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("quality.calibration.criterion")}</th>
              <th scope="col">{t("quality.calibration.max")}</th>
              {panel.map((p) => (
                <th key={p.userId} scope="col">
                  {p.name}
                </th>
              ))}
              <th scope="col">{t("quality.calibration.median")}</th>
              <th scope="col">{t("quality.calibration.spread")}</th>
              <th scope="col">{t("quality.calibration.referenceScore")}</th>
            </tr>
          </thead>
          <tbody>
            {results.criteria.map((c) => (
              <tr key={c.key}>
                <th scope="row">{c.text}</th>
                <td>{num(c.maxScore)}</td>
                {panel.map((p) => {
                  const value = c.values[p.userId];
                  const dev = c.deviations[p.userId];
                  return (
                    <td key={p.userId}>
                      {value === undefined
                        ? t("quality.form.na")
                        : dev === undefined
                          ? num(value)
                          : `${num(value)} (${signed(dev)})`}
                    </td>
                  );
                })}
                <td>{num(c.median)}</td>
                <td>{num(c.spread)}</td>
                <td>{num(c.reference)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: a scrollable table must be reachable by keyboard */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: see above */}
      <div className="table-wrap" role="region" aria-labelledby={ids.evaluators} tabIndex={0}>
        <table>
          <caption id={ids.evaluators}>{t("quality.calibration.perEvaluator")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("quality.calibration.evaluator")}</th>
              <th scope="col">{t("quality.calibration.deviationMedian")}</th>
              <th scope="col">{t("quality.calibration.deviationReference")}</th>
            </tr>
          </thead>
          <tbody>
            {panel.map((p) => (
              <tr key={p.userId}>
                <th scope="row">
                  {mayFollow(p.userId) ? (
                    <Link to="/quality/calibration" search={{ evaluator: p.userId }}>
                      {t("quality.calibration.trendOf", { name: p.name })}
                    </Link>
                  ) : (
                    p.name
                  )}
                </th>
                <td>{share1(results.meanAbsDeviationFromMedian[p.userId])}</td>
                <td>{share1(results.meanAbsDeviationFromReference?.[p.userId])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
