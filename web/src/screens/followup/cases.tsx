import { getRouteApi, Link } from "@tanstack/react-router";
import { useId, useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { ItemTable } from "../../components/ItemTable.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Page } from "../../components/Page.tsx";
import { StatusMessage, useStatusMessage } from "../../components/StatusMessage.tsx";
import { useT } from "../../i18n/use-t.ts";
import {
  CASE_STATES,
  CASE_VIEWS,
  type CaseState,
  type CaseView,
  type AssignmentMail,
  type FollowUpCase,
  useCases,
  useFollowUpPreference,
  useSetFollowUpPreference,
} from "../../lib/followup.ts";
import { useCan, useMe } from "../../lib/me.ts";
import { useNames } from "../../lib/lookups.ts";

const route = getRouteApi("/authed/cases");

/** The follow-up inbox: my cases, my departments', overdue or all, by state; soonest deadline first. */
export function CasesScreen() {
  const t = useT();
  const { view, state } = route.useSearch();
  const navigate = route.useNavigate();
  const cases = useCases(view, state);
  const me = useMe().data?.user.id;
  const names = useNames();
  const listId = useId();
  const canWork = useCan("cases:write");
  const owner = (c: FollowUpCase) =>
    !c.ownerId ? t("cases.nobody") : c.ownerId === me ? t("cases.me") : t("cases.someone");
  return (
    <Page title={t("cases.title")}>
      <p>{t("cases.intro")}</p>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget);
          const v = String(data.get("view")) as CaseView;
          const s = String(data.get("state") || "") as CaseState | "";
          navigate({ search: { view: v, state: s || undefined } });
        }}
      >
        <label>
          {t("cases.view")}{" "}
          <select name="view" defaultValue={view}>
            {CASE_VIEWS.map((v) => (
              <option key={v} value={v}>
                {t(`cases.view.${v}`)}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          {t("cases.stateFilter")}{" "}
          <select name="state" defaultValue={state ?? ""}>
            <option value="">{t("cases.anyState")}</option>
            {CASE_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`caseState.${s}`)}
              </option>
            ))}
          </select>
        </label>{" "}
        <button type="submit">{t("cases.show")}</button>
      </form>
      <h2 id={listId}>{t("cases.list")}</h2>
      <ErrorAlert error={cases.error} />
      {cases.isPending ? (
        <Loading />
      ) : (
        <ItemTable
          labelledBy={listId}
          items={cases.data?.items ?? []}
          empty={t("cases.empty")}
          columns={[
            {
              header: t("cases.due"),
              cell: (c) => (
                <Link
                  to="/cases/$caseId"
                  params={{ caseId: c.id }}
                  aria-label={t("cases.open", { due: c.dueDate })}
                >
                  {c.dueDate}
                  {c.overdue && ` (${t("cases.overdueMark")})`}
                </Link>
              ),
            },
            { header: t("cases.stateFilter"), cell: (c) => t(`caseState.${c.state}`) },
            { header: t("cases.score"), cell: (c) => c.score },
            { header: t("cases.owner"), cell: owner },
            { header: t("nav.services"), cell: (c) => names.service(c.serviceId) },
          ]}
        />
      )}
      {canWork && <AssignmentMailForm />}
    </Page>
  );
}

/** The case worker's choice: an e-mail for each assigned case, or one digest a day. */
function AssignmentMailForm() {
  const t = useT();
  const pref = useFollowUpPreference();
  const save = useSetFollowUpPreference();
  const [status, setStatus] = useStatusMessage();
  const [choice, setChoice] = useState<AssignmentMail | null>(null);
  const headingId = useId();
  const current = choice ?? pref.data?.assignmentMail ?? "each";
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("cases.mail.title")}</h2>
      <ErrorAlert error={pref.error ?? save.error} />
      <StatusMessage message={status} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(current, { onSuccess: () => setStatus(t("cases.mail.saved")) });
        }}
      >
        <fieldset>
          <legend>{t("cases.mail.legend")}</legend>
          {(["each", "digest"] as const).map((v) => (
            <div key={v} className="field checkbox-field">
              <label className="checkbox">
                <input
                  type="radio"
                  name="assignmentMail"
                  value={v}
                  checked={current === v}
                  onChange={() => setChoice(v)}
                />
                <span>{t(`cases.mail.${v}`)}</span>
              </label>
            </div>
          ))}
        </fieldset>
        <button type="submit" disabled={save.isPending || pref.isPending}>
          {t("cases.mail.save")}
        </button>
      </form>
    </section>
  );
}
