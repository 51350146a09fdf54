import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { type FormEvent, useId } from "react";
import { useIntl } from "react-intl";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { TextField } from "../../components/Field.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Page } from "../../components/Page.tsx";
import { useT } from "../../i18n/use-t.ts";
import { useEmployeeOfTheMonth } from "../../lib/comments.ts";
import { useCan } from "../../lib/me.ts";
import { useReportFormat } from "../dashboard/format.ts";
import "../comments/comments.css";

const route = getRouteApi("/authed/employee-of-the-month");

/** The month before this one, as YYYY-MM: the monthly review looks back at a finished month. */
function lastMonth(): string {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}`;
}

/** Employees ranked by the month's NPS with intervals, the minimum sample explained, and their approved praise. */
export function EmployeeOfTheMonthScreen() {
  const t = useT();
  const intl = useIntl();
  const f = useReportFormat();
  const navigate = useNavigate();
  const month = route.useSearch().month ?? lastMonth();
  const canRead = useCan("reports:read");
  const ranking = useEmployeeOfTheMonth(month, intl.locale);
  const listId = useId();
  const helpId = useId();
  const monthName = intl.formatDate(`${month}-01T12:00:00`, { month: "long", year: "numeric" });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get("month") ?? "");
    navigate({ to: "/employee-of-the-month", search: /^\d{4}-\d{2}$/.test(value) ? { month: value } : {} });
  };

  if (!canRead) {
    return (
      <Page title={t("eotm.title")}>
        <p className="muted">{t("comments.notAllowed")}</p>
      </Page>
    );
  }
  const data = ranking.data;
  return (
    <Page title={t("eotm.title")}>
      <p>{t("eotm.intro")}</p>
      <form className="filters" onSubmit={submit} key={month} noValidate>
        <TextField
          label={t("eotm.month")}
          hint={t("eotm.monthHint")}
          name="month"
          type="month"
          defaultValue={month}
        />
        <div className="actions">
          <button type="submit" className="primary">
            {t("eotm.show")}
          </button>
        </div>
      </form>
      <ErrorAlert error={ranking.error} />
      {ranking.isPending ? (
        <Loading />
      ) : data ? (
        <>
          <section aria-labelledby={helpId} className="help">
            <h2 id={helpId}>{t("eotm.howHeading")}</h2>
            <p>{t("eotm.minSample", { min: data.minAnswers })}</p>
            <p>{t("eotm.interval")}</p>
            <p>{t("eotm.ties")}</p>
          </section>
          <section aria-labelledby={listId}>
            <h2 id={listId}>{t("eotm.rankingHeading", { month: monthName })}</h2>
            {data.employees.length === 0 ? (
              <p>{t("eotm.empty", { min: data.minAnswers })}</p>
            ) : (
              <ol className="ranking-list">
                {data.employees.map((e) => (
                  <li key={e.employeeId}>
                    <h3>
                      {t("eotm.place", { rank: e.rank })} {e.name}
                    </h3>
                    <p>
                      {t("eotm.nps", { nps: f.index(e.nps) })}{" "}
                      {e.npsInterval
                        ? t("eotm.npsInterval", {
                            low: f.index(e.npsInterval.low),
                            high: f.index(e.npsInterval.high),
                          })
                        : null}{" "}
                      · {t("eotm.answers", { count: e.answers })}
                    </p>
                    {e.lowReliability && <p className="muted">{t("eotm.lowReliability")}</p>}
                    {e.praise.length > 0 ? (
                      <>
                        <h4>{t("eotm.praiseHeading", { count: e.praise.length })}</h4>
                        <ul>
                          {e.praise.map((p) => (
                            <li key={`${p.approvedAt}-${p.text}`}>
                              <blockquote className="comment-text">
                                <p>{p.text}</p>
                              </blockquote>
                            </li>
                          ))}
                        </ul>
                      </>
                    ) : (
                      <p className="muted">{t("eotm.noPraise")}</p>
                    )}
                  </li>
                ))}
              </ol>
            )}
          </section>
        </>
      ) : null}
    </Page>
  );
}
