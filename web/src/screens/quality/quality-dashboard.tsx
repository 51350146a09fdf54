import { getRouteApi } from "@tanstack/react-router";
import { useId } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Page } from "../../components/Page.tsx";
import { useT } from "../../i18n/use-t.ts";
import { useCan } from "../../lib/me.ts";
import { BANDS_ORDER, monthOf, pct1, useQualityQueue, useQualityReport } from "../../lib/quality.ts";

const route = getRouteApi("/authed/quality/dashboard");

/** QA figures: band distribution per month, the most often failing criteria, quota progress per evaluator. */
export function QualityDashboardScreen() {
  const t = useT();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const to = search.to ?? monthOf(new Date());
  const from = search.from ?? monthOf(new Date(), 5);
  const report = useQualityReport(from, to);
  const canEvaluate = useCan("quality:evaluate");
  const queue = useQualityQueue(to, canEvaluate);
  const ids = { bands: useId(), criteria: useId(), quota: useId(), exports: useId() };
  const r = report.data;
  const exportQuery = `from=${from}&to=${to}`;
  return (
    <Page title={t("quality.dashboard.title")}>
      <p>{t("quality.dashboard.intro")}</p>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          navigate({
            search: {
              from: String(f.get("from") || "") || undefined,
              to: String(f.get("to") || "") || undefined,
            },
          });
        }}
      >
        <label>
          {t("quality.dashboard.from")} <input type="month" name="from" defaultValue={from} />
        </label>{" "}
        <label>
          {t("quality.dashboard.to")} <input type="month" name="to" defaultValue={to} />
        </label>{" "}
        <button type="submit">{t("quality.show")}</button>
      </form>
      <ErrorAlert error={report.error} />
      {report.isPending && <Loading />}
      {r && (
        <>
          <p>
            {t("quality.dashboard.headline", { evaluations: r.evaluations, average: pct1(r.averagePct) })}
          </p>
          <section aria-labelledby={ids.bands}>
            <h2 id={ids.bands}>{t("quality.dashboard.bands")}</h2>
            <table aria-labelledby={ids.bands}>
              <thead>
                <tr>
                  <th scope="col">{t("quality.month")}</th>
                  <th scope="col">{t("quality.trend.evaluations")}</th>
                  {BANDS_ORDER.map((b) => (
                    <th key={b} scope="col">
                      {t(`quality.band.${b}`)}
                    </th>
                  ))}
                  <th scope="col">{t("quality.dashboard.average")}</th>
                </tr>
              </thead>
              <tbody>
                {r.byMonth.length === 0 && (
                  <tr>
                    <td colSpan={6}>{t("quality.evaluations.empty")}</td>
                  </tr>
                )}
                {r.byMonth.map((g) => (
                  <tr key={g.key}>
                    <th scope="row">{g.label}</th>
                    <td>{g.evaluations}</td>
                    {BANDS_ORDER.map((b) => (
                      <td key={b}>{g.bands[b]}</td>
                    ))}
                    <td>{pct1(g.averagePct)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section aria-labelledby={ids.criteria}>
            <h2 id={ids.criteria}>{t("quality.dashboard.failing")}</h2>
            <p className="hint">{t("quality.dashboard.failingHelp")}</p>
            <table aria-labelledby={ids.criteria}>
              <thead>
                <tr>
                  <th scope="col">{t("quality.criterion")}</th>
                  <th scope="col">{t("quality.dashboard.scored")}</th>
                  <th scope="col">{t("quality.dashboard.failed")}</th>
                  <th scope="col">{t("quality.dashboard.average")}</th>
                </tr>
              </thead>
              <tbody>
                {r.criteria.slice(0, 10).map((c) => (
                  <tr key={`${c.modelId}-${c.criterionKey}`}>
                    <th scope="row">{c.text}</th>
                    <td>{c.scored}</td>
                    <td>
                      {c.failed} ({pct1(c.failedPct)})
                    </td>
                    <td>{pct1(c.averagePct)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
      {canEvaluate && (
        <section aria-labelledby={ids.quota}>
          <h2 id={ids.quota}>{t("quality.dashboard.quota", { month: to })}</h2>
          <ErrorAlert error={queue.error} />
          {queue.data && (
            <table aria-labelledby={ids.quota}>
              <thead>
                <tr>
                  <th scope="col">{t("quality.employee")}</th>
                  <th scope="col">{t("quality.model")}</th>
                  <th scope="col">{t("quality.dashboard.progress")}</th>
                </tr>
              </thead>
              <tbody>
                {queue.data.employees.flatMap((e) =>
                  e.models.map((m) => (
                    <tr key={`${e.employeeId}-${m.modelId}`}>
                      <th scope="row">{e.name}</th>
                      <td>{m.modelName}</td>
                      <td>{t("quality.dashboard.done", { done: m.done, quota: m.quota })}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          )}
          {queue.data && queue.data.evaluators.length > 0 && (
            <ul>
              {queue.data.evaluators.map((ev) => (
                <li key={ev.userId}>
                  {t("quality.dashboard.evaluator", { name: ev.name, n: ev.evaluations })}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <section aria-labelledby={ids.exports}>
        <h2 id={ids.exports}>{t("quality.dashboard.exports")}</h2>
        <ul>
          <li>
            <a href={`/api/v1/quality/exports/report.csv?${exportQuery}`} download>
              {t("quality.dashboard.csv")}
            </a>
          </li>
          <li>
            <a href={`/api/v1/quality/exports/report.xlsx?${exportQuery}`} download>
              {t("quality.dashboard.xlsx")}
            </a>
          </li>
        </ul>
      </section>
    </Page>
  );
}
