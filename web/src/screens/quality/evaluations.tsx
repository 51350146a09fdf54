import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { ModelSelect, useActiveModelChoice } from "./model-select.tsx";
import { useId } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { SelectField, TextField } from "../../components/Field.tsx";
import { ItemTable } from "../../components/ItemTable.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Page } from "../../components/Page.tsx";
import { useT } from "../../i18n/use-t.ts";
import { serverFieldErrors } from "../../lib/form.ts";
import { useNames } from "../../lib/lookups.ts";
import { useCan } from "../../lib/me.ts";
import {
  EVALUATION_STATES,
  type EvaluationState,
  pct1,
  QUALITY_CHANNELS,
  type QualityChannel,
  useCreateEvaluation,
  useEvaluations,
} from "../../lib/quality.ts";

const route = getRouteApi("/authed/quality/evaluations");

/** Evaluations the user sees (their own as evaluator, their team's, or of themselves), with filters. */
export function EvaluationsScreen() {
  const t = useT();
  const filters = route.useSearch();
  const navigate = route.useNavigate();
  const list = useEvaluations(filters);
  const names = useNames();
  const canEvaluate = useCan("quality:evaluate");
  const listId = useId();
  return (
    <Page title={t("quality.evaluations.title")}>
      <p>{t("quality.evaluations.intro")}</p>
      {canEvaluate && <NewEvaluation />}
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          const get = (k: string) => String(f.get(k) ?? "") || undefined;
          navigate({
            search: {
              employeeId: get("employeeId"),
              channel: get("channel") as QualityChannel | undefined,
              month: get("month"),
              state: get("state") as EvaluationState | undefined,
            },
          });
        }}
      >
        <label>
          {t("quality.employee")}{" "}
          <select name="employeeId" defaultValue={filters.employeeId ?? ""}>
            <option value="">{t("quality.any")}</option>
            {names.employees.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          {t("quality.channel")}{" "}
          <select name="channel" defaultValue={filters.channel ?? ""}>
            <option value="">{t("quality.any")}</option>
            {QUALITY_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`quality.channel.${c}`)}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          {t("quality.month")} <input type="month" name="month" defaultValue={filters.month ?? ""} />
        </label>{" "}
        <label>
          {t("quality.state")}{" "}
          <select name="state" defaultValue={filters.state ?? ""}>
            <option value="">{t("quality.any")}</option>
            {EVALUATION_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`quality.state.${s}`)}
              </option>
            ))}
          </select>
        </label>{" "}
        <button type="submit">{t("quality.show")}</button>
      </form>
      <h2 id={listId}>{t("quality.evaluations.list")}</h2>
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <Loading />
      ) : (
        <ItemTable
          labelledBy={listId}
          items={list.data?.items ?? []}
          empty={t("quality.evaluations.empty")}
          columns={[
            {
              header: t("quality.contactDate"),
              cell: (e) => (
                <Link
                  to="/quality/evaluations/$evaluationId"
                  params={{ evaluationId: e.id }}
                  aria-label={t("quality.evaluations.open", { name: e.employeeName, date: e.contact.date })}
                >
                  {e.contact.date}
                </Link>
              ),
            },
            { header: t("quality.employee"), cell: (e) => e.employeeName },
            { header: t("quality.channel"), cell: (e) => t(`quality.channel.${e.channel}`) },
            { header: t("quality.state"), cell: (e) => t(`quality.state.${e.state}`) },
            {
              header: t("quality.total"),
              cell: (e) =>
                e.totalRounded === null || !e.band
                  ? "–"
                  : `${e.totalRounded} % (${pct1(e.totalPct)}) ${t(`quality.band.${e.band}`)}`,
            },
          ]}
        />
      )}
    </Page>
  );
}

/** Starts a draft: the employee, an active model and the contact evaluated (date, reference, length). */
function NewEvaluation() {
  const t = useT();
  const names = useNames();
  const choice = useActiveModelChoice();
  const create = useCreateEvaluation();
  const navigate = useNavigate();
  const headingId = useId();
  const errors = serverFieldErrors(create.error);
  const { active } = choice;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("quality.new.title")}</h2>
      <p className="hint">{t("quality.new.help")}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          const minutes = String(f.get("minutes") ?? "");
          create.mutate(
            {
              employeeId: String(f.get("employeeId") ?? ""),
              modelVersionId: active?.id ?? "",
              contact: {
                kind: "reference",
                reference: String(f.get("reference") ?? "").trim() || undefined,
                durationSec: minutes ? Math.round(Number(minutes) * 60) : undefined,
                date: String(f.get("date") ?? ""),
              },
            },
            {
              onSuccess: (ev) =>
                navigate({ to: "/quality/evaluations/$evaluationId", params: { evaluationId: ev.id } }),
            },
          );
        }}
      >
        <ErrorAlert
          error={create.error}
          fields={[
            "employeeId",
            "modelVersionId",
            "contact.date",
            "contact.reference",
            "contact.durationSec",
          ]}
        />
        <SelectField label={t("quality.employee")} name="employeeId" required error={errors.employeeId}>
          <option value="">{t("quality.choose")}</option>
          {names.employees
            .filter((e) => !e.archivedAt)
            .map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
        </SelectField>
        <ModelSelect choice={choice} error={errors.modelVersionId} />
        <TextField
          label={t("quality.contactDate")}
          name="date"
          type="date"
          required
          defaultValue={new Date().toISOString().slice(0, 10)}
          error={errors["contact.date"]}
        />
        <TextField
          label={t("quality.reference")}
          name="reference"
          hint={t("quality.reference.hint")}
          error={errors["contact.reference"]}
        />
        <TextField
          label={t("quality.minutes")}
          name="minutes"
          type="number"
          min={0}
          step={0.5}
          error={errors["contact.durationSec"]}
        />
        <button type="submit" disabled={create.isPending || !active}>
          {t("quality.new.start")}
        </button>
      </form>
    </section>
  );
}
