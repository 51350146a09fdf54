import { getRouteApi, Link } from "@tanstack/react-router";
import { useId } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { ItemTable } from "../../components/ItemTable.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Page } from "../../components/Page.tsx";
import { useT } from "../../i18n/use-t.ts";
import { useNames } from "../../lib/lookups.ts";
import { useCan } from "../../lib/me.ts";
import {
  AGREEMENT_STATES,
  type AgreementState,
  useAgreements,
  useUpdateAgreement,
} from "../../lib/quality.ts";

const route = getRouteApi("/authed/quality/agreements");

/** Agreements of the evaluations the user sees: open, done or missed, with the responsible person and deadline. */
export function AgreementsScreen() {
  const t = useT();
  const { state } = route.useSearch();
  const navigate = route.useNavigate();
  const list = useAgreements({ state });
  const update = useUpdateAgreement();
  const names = useNames();
  const canEvaluate = useCan("quality:evaluate");
  const listId = useId();
  return (
    <Page title={t("quality.agreements.title")}>
      <p>{t("quality.agreements.intro")}</p>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          const s = String(new FormData(e.currentTarget).get("state") ?? "");
          navigate({ search: { state: (s || undefined) as AgreementState | undefined } });
        }}
      >
        <label>
          {t("quality.state")}{" "}
          <select name="state" defaultValue={state ?? ""}>
            <option value="">{t("quality.any")}</option>
            {AGREEMENT_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`quality.agreementState.${s}`)}
              </option>
            ))}
          </select>
        </label>{" "}
        <button type="submit">{t("quality.show")}</button>
      </form>
      <h2 id={listId}>{t("quality.agreements")}</h2>
      <ErrorAlert error={list.error ?? update.error} />
      {list.isPending ? (
        <Loading />
      ) : (
        <ItemTable
          labelledBy={listId}
          items={list.data?.items ?? []}
          empty={t("quality.agreements.none")}
          columns={[
            { header: t("quality.deadline"), cell: (a) => a.deadline },
            {
              header: t("quality.agreementText"),
              cell: (a) => (
                <Link to="/quality/evaluations/$evaluationId" params={{ evaluationId: a.evaluationId }}>
                  {a.number}. {a.text}
                </Link>
              ),
            },
            { header: t("quality.employee"), cell: (a) => names.employee(a.employeeId) },
            { header: t("quality.responsible"), cell: (a) => names.employee(a.responsibleEmployeeId) || "–" },
            { header: t("quality.state"), cell: (a) => t(`quality.agreementState.${a.state}`) },
          ]}
          actions={
            canEvaluate
              ? (a) =>
                  AGREEMENT_STATES.filter((s) => s !== a.state).map((s) => (
                    <button
                      key={s}
                      type="button"
                      disabled={update.isPending}
                      onClick={() => update.mutate({ id: a.id, state: s })}
                    >
                      {t(`quality.agreementMark.${s}`, { number: a.number })}
                    </button>
                  ))
              : undefined
          }
        />
      )}
    </Page>
  );
}
