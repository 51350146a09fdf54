import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { useId } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Page } from "../../components/Page.tsx";
import { useDateTime, useT } from "../../i18n/use-t.ts";
import { useAnswers } from "../../lib/answers.ts";
import { useGroupLabel } from "../../lib/groups.ts";
import { useNames } from "../../lib/lookups.ts";
import { useCan } from "../../lib/me.ts";
import { AnswerFiltersForm } from "./answer-filters.tsx";

const route = getRouteApi("/authed/answers");

const excerpt = (text: string, max = 140) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Answers, newest first, filtered by what the address says, 50 at a time. */
export function AnswersScreen() {
  const t = useT();
  const date = useDateTime();
  const filters = route.useSearch();
  const navigate = useNavigate();
  const names = useNames();
  const groupLabel = useGroupLabel();
  const listId = useId();
  const canRead = useCan("responses:read");
  const answers = useAnswers(filters, canRead);
  const items = answers.data?.pages.flatMap((p) => p.items) ?? [];

  if (!canRead) {
    return (
      <Page title={t("answers.title")}>
        <p className="muted">{t("answers.notAllowed")}</p>
      </Page>
    );
  }
  return (
    <Page title={t("answers.title")}>
      <AnswerFiltersForm filters={filters} onApply={(search) => navigate({ to: "/answers", search })} />
      <section aria-labelledby={listId}>
        <h2 id={listId}>{t("answers.list")}</h2>
        <ErrorAlert error={answers.error} />
        {answers.isPending ? (
          <Loading />
        ) : (
          <>
            <p role="status" className="muted">
              {answers.hasNextPage
                ? t("answers.shownMore", { count: items.length })
                : t("answers.shownAll", { count: items.length })}
            </p>
            {/* biome-ignore lint/a11y/useSemanticElements: a scrollable region must be reachable by keyboard */}
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: see above */}
            <div className="table-wrap" role="region" aria-labelledby={listId} tabIndex={0}>
              <table aria-labelledby={listId}>
                <thead>
                  <tr>
                    <th scope="col">{t("answers.received")}</th>
                    <th scope="col" className="num">
                      {t("answers.score")}
                    </th>
                    <th scope="col">{t("answers.group")}</th>
                    <th scope="col">{t("answers.comment")}</th>
                    <th scope="col">{t("answers.survey")}</th>
                    <th scope="col">{t("answers.service")}</th>
                    <th scope="col">{t("answers.employee")}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.length === 0 && (
                    <tr>
                      <td colSpan={7}>{t("answers.empty")}</td>
                    </tr>
                  )}
                  {items.map((a) => (
                    <tr key={a.id}>
                      <th scope="row">
                        <Link to="/answers/$answerId" params={{ answerId: a.id }} search={filters}>
                          {date(a.receivedAt)}
                        </Link>
                      </th>
                      <td className="num">
                        <span className={`score score-${a.group}`}>{a.score}</span>
                      </td>
                      <td>{groupLabel(a.group)}</td>
                      <td className="comment-cell">
                        {a.comment ? (
                          excerpt(a.comment)
                        ) : (
                          <>
                            <span aria-hidden="true" className="muted">
                              –
                            </span>
                            <span className="visually-hidden">{t("answer.none")}</span>
                          </>
                        )}
                      </td>
                      <td>{names.survey(a.surveyId)}</td>
                      <td>{names.service(a.serviceId)}</td>
                      <td>{names.employee(a.employeeId)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {answers.hasNextPage && (
              <button
                type="button"
                // aria-disabled keeps focus on the button while the next page loads.
                aria-disabled={answers.isFetchingNextPage}
                onClick={() => !answers.isFetchingNextPage && answers.fetchNextPage()}
              >
                {answers.isFetchingNextPage ? t("common.loading") : t("answers.loadMore")}
              </button>
            )}
          </>
        )}
      </section>
    </Page>
  );
}
