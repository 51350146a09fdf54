import { getRouteApi, Link } from "@tanstack/react-router";
import { type ReactNode, useId, useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { SelectField, TextAreaField } from "../../components/Field.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Page } from "../../components/Page.tsx";
import { StatusMessage, useStatusMessage } from "../../components/StatusMessage.tsx";
import { useDateTime, useT } from "../../i18n/use-t.ts";
import {
  CASE_RESOLUTIONS,
  type CaseDetail,
  type CaseResolution,
  useAssignCase,
  useCase,
  useCaseEvent,
} from "../../lib/followup.ts";
import { useCan, useMe } from "../../lib/me.ts";

const route = getRouteApi("/authed/cases/$caseId");

/** One case: the answer, contact details where allowed, one-click actions and the timeline. */
export function CaseDetailScreen() {
  const t = useT();
  const { caseId } = route.useParams();
  const c = useCase(caseId);
  return (
    <Page title={t("case.title")}>
      <p>
        <Link to="/cases" search={{ view: "all" }}>
          {t("case.back")}
        </Link>
      </p>
      <ErrorAlert error={c.error} />
      {c.isPending && <Loading />}
      {c.data && <CaseView c={c.data} />}
    </Page>
  );
}

function Rows({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="details">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function CaseView({ c }: { c: CaseDetail }) {
  const t = useT();
  const date = useDateTime();
  const ids = { answer: useId(), status: useId(), contact: useId(), actions: useId(), timeline: useId() };
  const none = <span className="muted">{t("case.none")}</span>;
  return (
    <>
      <section aria-labelledby={ids.answer}>
        <h2 id={ids.answer}>{t("case.answer")}</h2>
        <Rows
          rows={[
            [t("cases.score"), c.score],
            [t("case.satisfaction"), c.satisfaction ?? none],
            [
              t("case.comment"),
              c.answer.comment ? (
                <p key="c" className="comment">
                  {c.answer.comment}
                </p>
              ) : (
                none
              ),
            ],
            [t("answers.received"), date(c.answer.receivedAt)],
          ]}
        />
        <p>
          <Link to="/answers/$answerId" params={{ answerId: c.responseId }}>
            {t("case.openAnswer")}
          </Link>
        </p>
      </section>
      <section aria-labelledby={ids.status}>
        <h2 id={ids.status}>{t("case.status")}</h2>
        <Rows
          rows={[
            [t("cases.stateFilter"), t(`caseState.${c.state}`)],
            [t("cases.due"), `${c.dueDate}${c.overdue ? ` (${t("cases.overdueMark")})` : ""}`],
            [t("case.attempts"), c.attempts],
            ...(c.resolution
              ? ([[t("case.resolution"), t(`resolution.${c.resolution}`)]] as [string, ReactNode][])
              : []),
            ...(c.state === "resolved" || c.recovery
              ? ([[t("case.recovery"), c.recovery ? t(`recoveryAnswer.${c.recovery}`) : none]] as [
                  string,
                  ReactNode,
                ][])
              : []),
          ]}
        />
      </section>
      <section aria-labelledby={ids.contact}>
        <h2 id={ids.contact}>{t("case.contact")}</h2>
        {c.contactAllowed === false ? (
          <p>{t("case.noContact")}</p>
        ) : c.contact ? (
          <Rows
            rows={[
              [
                t("case.email"),
                c.contact.email ? (
                  <a key="e" href={`mailto:${c.contact.email}`}>
                    {c.contact.email}
                  </a>
                ) : (
                  none
                ),
              ],
              [
                t("case.phone"),
                c.contact.phone ? (
                  <a key="p" href={`tel:${c.contact.phone}`}>
                    {c.contact.phone}
                  </a>
                ) : (
                  none
                ),
              ],
            ]}
          />
        ) : (
          <p className="muted">{t("case.contactHidden")}</p>
        )}
      </section>
      <CaseActions c={c} headingId={ids.actions} />
      <section aria-labelledby={ids.timeline}>
        <h2 id={ids.timeline}>{t("case.timeline")}</h2>
        <ol className="timeline">
          {c.timeline.map((e) => (
            <li key={e.id}>
              <strong>{t(`caseEvent.${e.kind as "note"}`)}</strong>
              {e.toState && `: ${t(`caseState.${e.toState as "open"}`)}`}
              {e.kind === "recovery" && `: ${t(`recoveryAnswer.${e.data.answer as "yes"}`)}`} —{" "}
              {t("case.by", { who: e.actorId ? e.actorId.slice(0, 8) : t("case.system"), at: date(e.at) })}
              {e.note && <p className="comment">{e.note}</p>}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

function CaseActions({ c, headingId }: { c: CaseDetail; headingId: string }) {
  const t = useT();
  const me = useMe().data?.user.id;
  const canWrite = useCan("cases:write");
  const canAssign = useCan("cases:assign");
  const event = useCaseEvent(c.id);
  const assign = useAssignCase(c.id);
  const [status, setStatus] = useStatusMessage();
  const [note, setNote] = useState("");
  const [resolution, setResolution] = useState<CaseResolution>("explained");
  if (!canWrite) return null;
  const done = () => {
    setNote("");
    setStatus(t("case.saved"));
  };
  const busy = event.isPending || assign.isPending;
  const resolved = c.state === "resolved";
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("case.actions")}</h2>
      <StatusMessage message={status} />
      <ErrorAlert error={event.error ?? assign.error} />
      {canAssign && me && c.ownerId !== me && (
        <p>
          <button type="button" disabled={busy} onClick={() => assign.mutate(me, { onSuccess: done })}>
            {t("case.take")}
          </button>
        </p>
      )}
      <TextAreaField
        label={t("case.note")}
        name="note"
        rows={3}
        maxLength={4000}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <div className="form-actions">
        {!resolved && c.contactAllowed !== false && (
          <>
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                event.mutate(
                  { kind: "call_attempt", reached: true, note: note || undefined },
                  { onSuccess: done },
                )
              }
            >
              {t("case.reached")}
            </button>
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                event.mutate(
                  { kind: "call_attempt", reached: false, note: note || undefined },
                  { onSuccess: done },
                )
              }
            >
              {t("case.notReached")}
            </button>
          </>
        )}
        <button
          type="button"
          disabled={busy || !note.trim()}
          onClick={() => event.mutate({ kind: "note", note }, { onSuccess: done })}
        >
          {t("case.addNote")}
        </button>
      </div>
      {resolved ? (
        <p>
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              event.mutate({ kind: "state", state: "open", note: note || undefined }, { onSuccess: done })
            }
          >
            {t("case.reopen")}
          </button>
        </p>
      ) : (
        <div className="form-actions">
          <SelectField
            label={t("case.resolution")}
            name="resolution"
            value={resolution}
            onChange={(e) => setResolution(e.target.value as CaseResolution)}
          >
            {CASE_RESOLUTIONS.map((r) => (
              <option key={r} value={r}>
                {t(`resolution.${r}`)}
              </option>
            ))}
          </SelectField>
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              event.mutate(
                { kind: "state", state: "resolved", resolution, note: note || undefined },
                { onSuccess: done },
              )
            }
          >
            {t("case.resolve")}
          </button>
        </div>
      )}
    </section>
  );
}
