import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { type FormEvent, useId } from "react";
import { DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { TextField } from "../../components/Field.tsx";
import { Figures } from "../../components/Figures.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Page } from "../../components/Page.tsx";
import { SurveySelect } from "../../components/SurveySelect.tsx";
import { useT } from "../../i18n/use-t.ts";
import { type InvitationFilters, parseInvitationFilters, periodQuery } from "../../lib/invitations.ts";
import { INVITATION_STATES, useInvitationSummary } from "../../lib/sending.ts";
import { useSurveys } from "../../lib/surveys.ts";
import { InvitationList } from "./invitation-list.tsx";
import { useReasonText } from "./reason-text.ts";

const route = getRouteApi("/authed/invitations");

/** What became of the invitations of a period and survey: counts per state and reason, and who was not reached. */
export function InvitationsScreen() {
  const t = useT();
  const filters = route.useSearch();
  const navigate = useNavigate();
  const surveys = useSurveys(true);
  const summary = useInvitationSummary(periodQuery(filters).toString());
  const reasonText = useReasonText();
  const filtersId = useId();
  const statesId = useId();
  const reasonsId = useId();
  const apply = (search: InvitationFilters) => navigate({ to: "/invitations", search });
  const byState = summary.data?.byState ?? {};
  const notReached = (byState.skipped ?? 0) + (byState.failed ?? 0) + (byState.dead ?? 0);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(event.currentTarget));
    apply({ ...parseInvitationFilters(data), bulkId: filters.bulkId, state: filters.state });
  };

  return (
    <Page title={t("invitations.title")}>
      <p>{t("invitations.intro")}</p>
      <section aria-labelledby={filtersId} className="filters">
        <h2 id={filtersId}>{t("answers.filters")}</h2>
        {filters.bulkId && (
          <p className="alert info">
            {t("invitations.bulkOnly")}{" "}
            <Link to="/invitations" search={{ ...filters, bulkId: undefined }}>
              {t("invitations.allUploads")}
            </Link>
          </p>
        )}
        <form key={JSON.stringify(filters)} onSubmit={submit} noValidate>
          <div className="filter-grid">
            <SurveySelect
              label={t("answers.survey")}
              name="surveyId"
              surveys={surveys.data ?? []}
              defaultValue={filters.surveyId ?? ""}
              emptyLabel={t("answers.any")}
            />
            <TextField
              label={t("invitations.from")}
              name="from"
              type="date"
              defaultValue={filters.from ?? ""}
            />
            <TextField label={t("answers.to")} name="to" type="date" defaultValue={filters.to ?? ""} />
          </div>
          <p className="hint">{t("invitations.periodHint")}</p>
          <div className="actions">
            <button type="submit" className="primary">
              {t("invitations.apply")}
            </button>
            <button type="button" onClick={() => apply({})}>
              {t("answers.clear")}
            </button>
          </div>
        </form>
      </section>
      <ErrorAlert error={summary.error} />
      {summary.isPending ? (
        <Loading />
      ) : (
        summary.data && (
          <>
            <Figures
              items={[
                { label: t("invitations.total"), value: summary.data.total },
                { label: t("invitationState.answered"), value: byState.answered ?? 0 },
                { label: t("invitations.notReached"), value: notReached },
              ]}
            />
            <div className="two-tables">
              <section aria-labelledby={statesId}>
                <h2 id={statesId}>{t("invitations.byState")}</h2>
                <DataTable
                  labelledBy={statesId}
                  rows={INVITATION_STATES.filter((s) => s !== "sending" || byState.sending)}
                  rowKey={(s) => s}
                  empty=""
                  columns={[
                    { header: t("invitations.state"), cell: (s) => t(`invitationState.${s}`) },
                    { header: t("bulk.count"), cell: (s) => byState[s] ?? 0, numeric: true },
                    {
                      header: t("invitations.people"),
                      cell: (s) =>
                        (byState[s] ?? 0) > 0 && (
                          <Link
                            to="/invitations"
                            search={{ ...filters, state: s }}
                            hash="invitation-list"
                            aria-label={t("invitations.showStateNamed", { state: t(`invitationState.${s}`) })}
                          >
                            {t("invitations.showState")}
                          </Link>
                        ),
                    },
                  ]}
                />
              </section>
              <section aria-labelledby={reasonsId}>
                <h2 id={reasonsId}>{t("invitations.byReason")}</h2>
                <DataTable
                  labelledBy={reasonsId}
                  rows={summary.data.reasons}
                  rowKey={(r) => `${r.state}:${r.reason}`}
                  empty={t("invitations.noReasons")}
                  columns={[
                    { header: t("bulk.reason"), cell: (r) => reasonText(r.reason) },
                    {
                      header: t("invitations.state"),
                      cell: (r) => t(`invitationState.${r.state as "skipped"}`),
                    },
                    { header: t("bulk.count"), cell: (r) => r.count, numeric: true },
                  ]}
                />
              </section>
            </div>
          </>
        )
      )}
      <InvitationList filters={filters} onState={(state) => apply({ ...filters, state })} />
    </Page>
  );
}
