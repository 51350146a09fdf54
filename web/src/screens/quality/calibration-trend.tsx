import { Link } from "@tanstack/react-router";
import { useId } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { SelectField } from "../../components/Field.tsx";
import { Loading } from "../../components/Loading.tsx";
import { useT } from "../../i18n/use-t.ts";
import { type CalibrationEvaluator, share1, useCalibrationTrend } from "../../lib/quality-calibration.ts";

type TrendProps = {
  evaluators: CalibrationEvaluator[];
  selected: string;
  onSelect: (userId: string) => void;
};

/** One evaluator's mean deviation from the agreed reference over the closed sessions, oldest first. */
export function CalibrationTrendSection({ evaluators, selected, onSelect }: TrendProps) {
  const t = useT();
  const trend = useCalibrationTrend(selected);
  const headingId = useId();
  const tableId = useId();
  const points = trend.data?.points ?? [];
  const name = evaluators.find((e) => e.userId === selected)?.name ?? "";
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("quality.calibration.trend")}</h2>
      <p className="hint">{t("quality.calibration.trendHelp")}</p>
      <SelectField
        label={t("quality.calibration.evaluator")}
        name="evaluator"
        value={selected}
        onChange={(e) => onSelect(e.target.value)}
      >
        <option value="">{t("quality.choose")}</option>
        {evaluators.map((e) => (
          <option key={e.userId} value={e.userId}>
            {e.name}
          </option>
        ))}
      </SelectField>
      <ErrorAlert error={trend.error} />
      {selected !== "" &&
        !trend.error &&
        (trend.isPending ? (
          <Loading />
        ) : points.length === 0 ? (
          <p>{t("quality.calibration.trendNone", { name })}</p>
        ) : (
          <>
            <p>
              {t("quality.calibration.trendSummary", {
                name,
                count: points.length,
                first: share1(points[0].meanAbsDeviationFromReference),
                last: share1(points[points.length - 1].meanAbsDeviationFromReference),
              })}
            </p>
            {/* biome-ignore lint/a11y/useSemanticElements: a scrollable table must be reachable by keyboard */}
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: see above */}
            <div className="table-wrap" role="region" aria-labelledby={tableId} tabIndex={0}>
              <table>
                <caption id={tableId}>{t("quality.calibration.trendTable", { name })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("quality.calibration.date")}</th>
                    <th scope="col">{t("quality.calibration.deviationReference")}</th>
                  </tr>
                </thead>
                <tbody>
                  {points.map((p) => (
                    <tr key={p.sessionId}>
                      <th scope="row">
                        <Link to="/quality/calibration/$sessionId" params={{ sessionId: p.sessionId }}>
                          {p.sessionDate}
                        </Link>
                      </th>
                      <td>
                        {share1(p.meanAbsDeviationFromReference)}{" "}
                        <span
                          aria-hidden="true"
                          style={{
                            display: "inline-block",
                            height: "0.6em",
                            width: `${Math.min(10, p.meanAbsDeviationFromReference * 20)}em`,
                            background: "currentColor",
                          }}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ))}
    </section>
  );
}
