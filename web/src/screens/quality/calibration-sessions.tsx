import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { ModelSelect, useActiveModelChoice } from "./model-select.tsx";
import { useId } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { TextField } from "../../components/Field.tsx";
import { ItemTable } from "../../components/ItemTable.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Page } from "../../components/Page.tsx";
import { useT } from "../../i18n/use-t.ts";
import { focusFirstInvalid, serverFieldErrors } from "../../lib/form.ts";
import { useActiveOrg } from "../../lib/me.ts";
import {
  useCalibrationEvaluators,
  useCalibrationSessions,
  seesEveryCalibrationTrend,
  useCreateCalibration,
} from "../../lib/quality-calibration.ts";
import { CalibrationTrendSection } from "./calibration-trend.tsx";

const route = getRouteApi("/authed/quality/calibration");

/** Calibration sessions the user owns or scores, a form to open one, and each evaluator's trend. */
export function CalibrationSessionsScreen() {
  const t = useT();
  const sessions = useCalibrationSessions();
  const evaluators = useCalibrationEvaluators();
  const { evaluator } = route.useSearch();
  const navigate = route.useNavigate();
  const { me, org } = useActiveOrg();
  const listId = useId();
  // A manager follows their own trend; quality specialists, analysts and admins every evaluator's.
  const trendOf = (evaluators.data?.items ?? []).filter(
    (e) => (org && seesEveryCalibrationTrend(org.role)) || e.userId === me?.user.id,
  );
  const nameOf = (userId: string) => evaluators.data?.items.find((e) => e.userId === userId)?.name ?? userId;
  return (
    <Page title={t("quality.calibration.title")}>
      <p>{t("quality.calibration.intro")}</p>
      <h2 id={listId}>{t("quality.calibration.sessions")}</h2>
      <ErrorAlert error={sessions.error} />
      {sessions.isPending ? (
        <Loading />
      ) : (
        <ItemTable
          labelledBy={listId}
          items={sessions.data?.items ?? []}
          empty={t("quality.calibration.none")}
          columns={[
            {
              header: t("quality.calibration.session"),
              cell: (s) => (
                <Link to="/quality/calibration/$sessionId" params={{ sessionId: s.id }}>
                  {s.title ?? t("quality.calibration.untitled", { date: s.date })}
                </Link>
              ),
            },
            { header: t("quality.calibration.date"), cell: (s) => s.date },
            { header: t("quality.calibration.owner"), cell: (s) => nameOf(s.ownerId) },
            { header: t("quality.state"), cell: (s) => t(`quality.calibration.state.${s.state}`) },
          ]}
        />
      )}
      <NewCalibration />
      <CalibrationTrendSection
        evaluators={trendOf}
        selected={evaluator ?? ""}
        onSelect={(userId) => navigate({ search: { evaluator: userId || undefined } })}
      />
    </Page>
  );
}

/** Opens a session: the contact everyone scores, an active model version and the panel of evaluators. */
function NewCalibration() {
  const t = useT();
  const choice = useActiveModelChoice();
  const evaluators = useCalibrationEvaluators();
  const create = useCreateCalibration();
  const navigate = useNavigate();
  const headingId = useId();
  const panelId = useId();
  const errors = serverFieldErrors(create.error);
  const { active } = choice;
  const panelError = Object.entries(errors).find(([path]) => path.startsWith("participants"))?.[1];
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("quality.calibration.new")}</h2>
      <p className="hint">{t("quality.calibration.newHelp")}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const f = new FormData(form);
          create.mutate(
            {
              modelVersionId: active?.id ?? "",
              title: String(f.get("title") ?? "").trim() || undefined,
              contact: { reference: String(f.get("reference") ?? "").trim() || undefined },
              date: String(f.get("date") ?? "") || undefined,
              participants: f.getAll("participants").map(String),
            },
            {
              onSuccess: (s) =>
                navigate({ to: "/quality/calibration/$sessionId", params: { sessionId: s.id } }),
              onError: () => focusFirstInvalid(form),
            },
          );
        }}
      >
        <ErrorAlert
          error={create.error}
          fields={["modelVersionId", "title", "contact", "contact.reference", "date", "participants"]}
        />
        <TextField label={t("quality.calibration.titleField")} name="title" error={errors.title} />
        <ModelSelect choice={choice} error={errors.modelVersionId} />
        <TextField
          label={t("quality.reference")}
          name="reference"
          required
          hint={t("quality.calibration.referenceHint")}
          error={errors["contact.reference"] ?? errors.contact}
        />
        <TextField
          label={t("quality.calibration.date")}
          name="date"
          type="date"
          defaultValue={new Date().toISOString().slice(0, 10)}
          error={errors.date}
        />
        <fieldset aria-describedby={panelError ? `${panelId}-error` : `${panelId}-hint`}>
          <legend>{t("quality.calibration.panel")}</legend>
          <p id={`${panelId}-hint`} className="hint">
            {t("quality.calibration.panelHint")}
          </p>
          {(evaluators.data?.items ?? []).map((ev) => (
            <label key={ev.userId} className="checkbox">
              <input
                type="checkbox"
                name="participants"
                value={ev.userId}
                aria-invalid={panelError ? true : undefined}
              />{" "}
              {ev.name}
            </label>
          ))}
          {panelError && (
            <p id={`${panelId}-error`} className="field-error">
              {panelError}
            </p>
          )}
        </fieldset>
        <button type="submit" disabled={create.isPending || !active}>
          {t("quality.calibration.open")}
        </button>
      </form>
    </section>
  );
}
