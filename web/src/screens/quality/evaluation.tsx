import { getRouteApi, Link } from "@tanstack/react-router";
import { type ReactNode, useId, useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { SelectField, TextAreaField, TextField } from "../../components/Field.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Page } from "../../components/Page.tsx";
import { StatusMessage, useStatusMessage } from "../../components/StatusMessage.tsx";
import { useT } from "../../i18n/use-t.ts";
import { serverFieldErrors } from "../../lib/form.ts";
import { useNames } from "../../lib/lookups.ts";
import { useCan, useMe } from "../../lib/me.ts";
import {
  type EvaluationDetail,
  pct1,
  useAcknowledge,
  useCreateAgreement,
  useDispute,
  useEvaluation,
  useResolve,
  useTransition,
} from "../../lib/quality.ts";
import { EvaluationForm } from "./evaluation-form.tsx";

const route = getRouteApi("/authed/quality/evaluations/$evaluationId");

/** One evaluation: the form while it is a draft, else the scores with the employee's and evaluator's steps. */
export function EvaluationScreen() {
  const t = useT();
  const { evaluationId } = route.useParams();
  const ev = useEvaluation(evaluationId);
  const me = useMe().data?.user.id;
  const canEvaluate = useCan("quality:evaluate");
  const names = useNames();
  const [status, setStatus] = useStatusMessage();
  const d = ev.data;
  return (
    <Page title={t("quality.evaluation.title")}>
      <p>
        <Link to="/quality/evaluations">{t("quality.evaluation.back")}</Link>
      </p>
      <StatusMessage message={status} />
      <ErrorAlert error={ev.error} />
      {ev.isPending && <Loading />}
      {d && (
        <>
          <dl className="details">
            <Row k={t("quality.employee")} v={d.employeeName} />
            <Row k={t("quality.channel")} v={t(`quality.channel.${d.channel}`)} />
            <Row k={t("quality.contactDate")} v={d.contact.date} />
            <Row k={t("quality.reference")} v={d.contact.reference ?? "–"} />
            <Row k={t("quality.state")} v={t(`quality.state.${d.state}`)} />
            {d.totalRounded !== null && d.band && (
              <Row
                k={t("quality.total")}
                v={t("quality.form.totalLine", {
                  rounded: d.totalRounded,
                  exact: pct1(d.totalPct),
                  band: t(`quality.band.${d.band}`),
                })}
              />
            )}
          </dl>
          {d.state === "draft" && canEvaluate && d.evaluatorId === me ? (
            <EvaluationForm key={d.id} ev={d} onSubmitted={() => setStatus(t("quality.form.submitted"))} />
          ) : (
            <>
              <ScoreTables ev={d} />
              {names.employees.find((e) => e.id === d.employeeId)?.userId === me && <EmployeeSteps ev={d} />}
              {canEvaluate && d.evaluatorId === me && <EvaluatorSteps ev={d} />}
              <Agreements ev={d} canAdd={canEvaluate && d.evaluatorId === me} />
            </>
          )}
        </>
      )}
    </Page>
  );
}

function Row({ k, v }: { k: string; v: ReactNode }) {
  return (
    <div>
      <dt>{k}</dt>
      <dd>{v}</dd>
    </div>
  );
}

/** The scores per section as tables, with disputes and their resolutions. */
function ScoreTables({ ev }: { ev: EvaluationDetail }) {
  const t = useT();
  const base = useId();
  return (
    <>
      {ev.definition.sections.map((section, si) => {
        const figures = ev.sections.find((s) => s.key === section.key);
        const headingId = `${base}-${si}`;
        return (
          <section key={section.key} aria-labelledby={headingId}>
            <h2 id={headingId}>
              {t("quality.form.section", { title: section.title, weight: section.weight })}
            </h2>
            <p>
              {t("quality.form.sectionPct", {
                title: section.title,
                pct: pct1(figures?.pct),
                given: figures?.given ?? 0,
                max: figures?.max ?? 0,
              })}
            </p>
            {/* biome-ignore lint/a11y/useSemanticElements: a focusable scroll region, as in ItemTable */}
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: see above */}
            <div className="table-wrap" role="region" aria-labelledby={headingId} tabIndex={0}>
              <table aria-labelledby={headingId}>
                <thead>
                  <tr>
                    <th scope="col">{t("quality.criterion")}</th>
                    <th scope="col">{t("quality.score")}</th>
                    <th scope="col">{t("quality.comment")}</th>
                    <th scope="col">{t("quality.dispute")}</th>
                  </tr>
                </thead>
                <tbody>
                  {section.criteria.map((c) => {
                    const s = ev.scores.find((x) => x.criterionKey === c.key);
                    return (
                      <tr key={c.key}>
                        <th scope="row">{c.text}</th>
                        <td>
                          {s?.notApplicable
                            ? t("quality.form.na")
                            : t("quality.scoreOf", { value: s?.value ?? 0, max: c.max })}
                        </td>
                        <td>{s?.comment ?? ""}</td>
                        <td>
                          {s?.disputed && (
                            <>
                              {t("quality.disputed", { text: s.disputeText ?? "" })}
                              {s.resolution && (
                                <>
                                  {" "}
                                  {t(`quality.resolution.${s.resolution}`)}
                                  {s.resolutionNote ? `: ${s.resolutionNote}` : ""}
                                </>
                              )}
                            </>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            {figures?.comment && <p className="comment">{figures.comment}</p>}
          </section>
        );
      })}
      {ev.employeeComment && (
        <p>
          <strong>{t("quality.employeeComment")}</strong> {ev.employeeComment}
        </p>
      )}
    </>
  );
}

/** The evaluated employee: acknowledge (with a comment) or dispute one criterion with a reason. */
function EmployeeSteps({ ev }: { ev: EvaluationDetail }) {
  const t = useT();
  const headingId = useId();
  const ack = useAcknowledge(ev.id);
  const dispute = useDispute(ev.id);
  const [status, setStatus] = useStatusMessage();
  const [comment, setComment] = useState("");
  const [criterionKey, setCriterionKey] = useState("");
  const [reason, setReason] = useState("");
  if (!["submitted", "seen", "disputed"].includes(ev.state)) return null;
  const errors = serverFieldErrors(dispute.error);
  const criteria = ev.definition.sections.flatMap((s) => s.criteria);
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("quality.employeeSteps")}</h2>
      <p className="hint">{t("quality.employeeSteps.help")}</p>
      <StatusMessage message={status} />
      <ErrorAlert error={ack.error} />
      {ev.state === "submitted" && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            ack.mutate(
              { comment: comment.trim() || undefined },
              { onSuccess: () => setStatus(t("quality.acknowledged")) },
            );
          }}
        >
          <TextAreaField
            label={t("quality.ackComment")}
            name="comment"
            maxLength={4000}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
          <button type="submit" disabled={ack.isPending}>
            {t("quality.acknowledge")}
          </button>
        </form>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          dispute.mutate(
            { criterionKey, text: reason },
            {
              onSuccess: () => {
                setReason("");
                setStatus(t("quality.disputeSent"));
              },
            },
          );
        }}
      >
        <ErrorAlert error={dispute.error} fields={["criterionKey", "text"]} />
        <SelectField
          label={t("quality.disputeCriterion")}
          name="criterionKey"
          value={criterionKey}
          error={errors.criterionKey}
          onChange={(e) => setCriterionKey(e.target.value)}
        >
          <option value="">{t("quality.choose")}</option>
          {criteria.map((c) => (
            <option key={c.key} value={c.key}>
              {c.text}
            </option>
          ))}
        </SelectField>
        <TextAreaField
          label={t("quality.disputeReason")}
          name="text"
          maxLength={4000}
          value={reason}
          error={errors.text}
          onChange={(e) => setReason(e.target.value)}
        />
        <button type="submit" disabled={dispute.isPending || !criterionKey || !reason.trim()}>
          {t("quality.disputeSubmit")}
        </button>
      </form>
    </section>
  );
}

/** The evaluator: resolve each open dispute, finalize, or open a revision of a final evaluation. */
function EvaluatorSteps({ ev }: { ev: EvaluationDetail }) {
  const t = useT();
  const headingId = useId();
  const finalize = useTransition(ev.id, "finalize");
  const revise = useTransition(ev.id, "revisions");
  const [status, setStatus] = useStatusMessage();
  const open = ev.scores.filter((s) => s.disputed && !s.resolution);
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("quality.evaluatorSteps")}</h2>
      <StatusMessage message={status} />
      <ErrorAlert error={finalize.error ?? revise.error} />
      {open.map((s) => (
        <ResolveForm key={s.criterionKey} ev={ev} criterionKey={s.criterionKey} onDone={setStatus} />
      ))}
      {(ev.state === "submitted" || ev.state === "seen") && (
        <p>
          <button
            type="button"
            disabled={finalize.isPending}
            onClick={() => finalize.mutate(undefined, { onSuccess: () => setStatus(t("quality.finalized")) })}
          >
            {t("quality.finalize")}
          </button>
        </p>
      )}
      {ev.state === "final" && !ev.superseded && (
        <p>
          <button type="button" disabled={revise.isPending} onClick={() => revise.mutate(undefined)}>
            {t("quality.revise")}
          </button>
        </p>
      )}
    </section>
  );
}

function ResolveForm(props: { ev: EvaluationDetail; criterionKey: string; onDone: (m: string) => void }) {
  const t = useT();
  const resolve = useResolve(props.ev.id);
  const [resolution, setResolution] = useState<"upheld" | "changed">("upheld");
  const [value, setValue] = useState("");
  const [note, setNote] = useState("");
  const criterion = props.ev.definition.sections
    .flatMap((s) => s.criteria)
    .find((c) => c.key === props.criterionKey);
  const errors = serverFieldErrors(resolve.error);
  return (
    <form
      className="resolve-form"
      onSubmit={(e) => {
        e.preventDefault();
        // Awaited as a promise: a resolved dispute removes this form.
        resolve
          .mutateAsync({
            criterionKey: props.criterionKey,
            resolution,
            value: resolution === "changed" ? Number(value) : undefined,
            note: note.trim() || undefined,
          })
          .then(() => props.onDone(t("quality.resolved")))
          .catch(() => {});
      }}
    >
      <h3>{t("quality.resolveTitle", { criterion: criterion?.text ?? props.criterionKey })}</h3>
      <ErrorAlert error={resolve.error} fields={["value", "resolution", "note"]} />
      <SelectField
        label={t("quality.resolution")}
        value={resolution}
        onChange={(e) => setResolution(e.target.value as "upheld" | "changed")}
      >
        <option value="upheld">{t("quality.resolution.upheld")}</option>
        <option value="changed">{t("quality.resolution.changed")}</option>
      </SelectField>
      {resolution === "changed" && (
        <TextField
          label={t("quality.newScore", { max: criterion?.max ?? 0 })}
          name="value"
          type="number"
          min={0}
          max={criterion?.max}
          step="any"
          value={value}
          error={errors.value}
          onChange={(e) => setValue(e.target.value)}
        />
      )}
      <TextAreaField
        label={t("quality.resolutionNote")}
        name="note"
        value={note}
        error={errors.note}
        onChange={(e) => setNote(e.target.value)}
      />
      <button type="submit" disabled={resolve.isPending}>
        {t("quality.resolve")}
      </button>
    </form>
  );
}

/** The numbered agreements ending the evaluation; the evaluator adds them. */
function Agreements({ ev, canAdd }: { ev: EvaluationDetail; canAdd: boolean }) {
  const t = useT();
  const headingId = useId();
  const create = useCreateAgreement(ev.id);
  const names = useNames();
  const [status, setStatus] = useStatusMessage();
  const errors = serverFieldErrors(create.error);
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("quality.agreements")}</h2>
      {ev.agreements.length === 0 ? (
        <p>{t("quality.agreements.none")}</p>
      ) : (
        <ol>
          {ev.agreements.map((a) => (
            <li key={a.id}>
              {a.text} —{" "}
              {t("quality.agreementLine", {
                deadline: a.deadline,
                state: t(`quality.agreementState.${a.state}`),
                who: names.employee(a.responsibleEmployeeId) || "–",
              })}
            </li>
          ))}
        </ol>
      )}
      {canAdd && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const f = new FormData(e.currentTarget);
            const form = e.currentTarget;
            create.mutate(
              {
                text: String(f.get("text") ?? ""),
                deadline: String(f.get("deadline") ?? ""),
                responsibleEmployeeId: String(f.get("responsibleEmployeeId") ?? "") || undefined,
              },
              {
                onSuccess: () => {
                  form.reset();
                  setStatus(t("quality.agreementAdded"));
                },
              },
            );
          }}
        >
          <h3>{t("quality.agreementNew")}</h3>
          <StatusMessage message={status} />
          <ErrorAlert error={create.error} fields={["text", "deadline", "responsibleEmployeeId"]} />
          <TextAreaField label={t("quality.agreementText")} name="text" error={errors.text} required />
          <SelectField
            label={t("quality.responsible")}
            name="responsibleEmployeeId"
            defaultValue={ev.employeeId}
            error={errors.responsibleEmployeeId}
          >
            {names.employees
              .filter((e) => !e.archivedAt)
              .map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name}
                </option>
              ))}
          </SelectField>
          <TextField
            label={t("quality.deadline")}
            name="deadline"
            type="date"
            error={errors.deadline}
            required
          />
          <button type="submit" disabled={create.isPending}>
            {t("quality.agreementAdd")}
          </button>
        </form>
      )}
    </section>
  );
}
