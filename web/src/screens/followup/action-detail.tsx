import { getRouteApi, Link } from "@tanstack/react-router";
import { useId, useState } from "react";
import { useIntl } from "react-intl";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { SelectField, TextAreaField } from "../../components/Field.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Page } from "../../components/Page.tsx";
import { StatusMessage, useStatusMessage } from "../../components/StatusMessage.tsx";
import { useDateTime, useT } from "../../i18n/use-t.ts";
import {
  ACTION_STATUSES,
  type ActionEffect,
  type ActionStatus,
  useAction,
  useActionEffect,
  useUpdateAction,
} from "../../lib/followup.ts";
import { useCan } from "../../lib/me.ts";

const route = getRouteApi("/authed/improvement-actions/$actionId");

/** One improvement action: description, progress notes, status change, and its effect before and after. */
export function ActionDetailScreen() {
  const t = useT();
  const date = useDateTime();
  const { actionId } = route.useParams();
  const action = useAction(actionId);
  const ids = { progress: useId(), effect: useId() };
  const a = action.data;
  return (
    <Page title={a?.title ?? t("actions.title")}>
      <p>
        <Link to="/improvement-actions">{t("actions.back")}</Link>
      </p>
      <ErrorAlert error={action.error} />
      {action.isPending && <Loading />}
      {a && (
        <>
          <p>{a.description}</p>
          <dl className="details">
            <div>
              <dt>{t("actions.status")}</dt>
              <dd>{t(`actionStatus.${a.status}`)}</dd>
            </div>
            <div>
              <dt>{t("actions.deadline")}</dt>
              <dd>{a.deadline ?? "–"}</dd>
            </div>
          </dl>
          <section aria-labelledby={ids.progress}>
            <h2 id={ids.progress}>{t("actions.progress")}</h2>
            {a.notes?.length ? (
              <ol className="timeline">
                {a.notes.map((n) => (
                  <li key={n.id}>
                    {date(n.at)}
                    {n.status && ` — ${t(`actionStatus.${n.status as ActionStatus}`)}`}
                    {n.text && <p className="comment">{n.text}</p>}
                  </li>
                ))}
              </ol>
            ) : (
              <p className="muted">{t("actions.noNotes")}</p>
            )}
            <StatusForm id={a.id} status={a.status} />
          </section>
          <section aria-labelledby={ids.effect}>
            <h2 id={ids.effect}>{t("actions.effect")}</h2>
            <Effect id={a.id} />
          </section>
        </>
      )}
    </Page>
  );
}

function StatusForm({ id, status }: { id: string; status: ActionStatus }) {
  const t = useT();
  const canWrite = useCan("actions:write");
  const update = useUpdateAction(id);
  const [next, setNext] = useState<ActionStatus>(status);
  const [note, setNote] = useState("");
  const [message, setMessage] = useStatusMessage();
  if (!canWrite) return null;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const body: Record<string, unknown> = {};
        if (next !== status) body.status = next;
        if (note.trim()) body[next === "dropped" && next !== status ? "dropReason" : "note"] = note.trim();
        update.mutate(body, {
          onSuccess: () => {
            setNote("");
            setMessage(t("case.saved"));
          },
        });
      }}
    >
      <StatusMessage message={message} />
      <ErrorAlert error={update.error} />
      <SelectField
        label={t("actions.moveTo")}
        name="status"
        value={next}
        onChange={(e) => setNext(e.target.value as ActionStatus)}
      >
        {ACTION_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`actionStatus.${s}`)}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        label={t("actions.reason")}
        name="note"
        rows={2}
        maxLength={4000}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <button type="submit" disabled={update.isPending}>
        {t("actions.save")}
      </button>
    </form>
  );
}

function Effect({ id }: { id: string }) {
  const t = useT();
  const intl = useIntl();
  const effect = useActionEffect(id);
  const tableId = useId();
  const e: ActionEffect | undefined = effect.data;
  if (effect.isPending) return <Loading />;
  if (!e?.before || !e.after || !e.change) return <p className="muted">{t("actions.effectPending")}</p>;
  const n = (v: number | null) =>
    v === null ? "–" : intl.formatNumber(v, { maximumFractionDigits: 0, signDisplay: "exceptZero" });
  const ci = (f: { interval: { low: number; high: number } | null }) =>
    f.interval ? `${n(f.interval.low)} … ${n(f.interval.high)}` : "–";
  const change = (c: { diff: number; significant: boolean } | null) =>
    c ? `${n(c.diff)} (${c.significant ? t("actions.significant") : t("actions.notSignificant")})` : "–";
  const rows = [
    { label: t("actions.before"), p: e.before },
    { label: t("actions.after"), p: e.after },
  ];
  return (
    <table aria-labelledby={tableId}>
      <caption id={tableId}>{t("actions.effect")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("actions.period")}</th>
          <th scope="col">{t("actions.nps")}</th>
          <th scope="col">{t("actions.interval")}</th>
          <th scope="col">{t("actions.satisfaction")}</th>
          <th scope="col">{t("actions.interval")}</th>
          <th scope="col">{t("actions.answers")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ label, p }) => (
          <tr key={label}>
            <th scope="row">
              {label}: {p.from} – {p.to}
            </th>
            <td>{n(p.nps.value)}</td>
            <td>{ci(p.nps)}</td>
            <td>{n(p.satisfaction.value)}</td>
            <td>{ci(p.satisfaction)}</td>
            <td>{p.nps.answers}</td>
          </tr>
        ))}
        <tr>
          <th scope="row">{t("actions.change")}</th>
          <td colSpan={2}>{change(e.change.nps)}</td>
          <td colSpan={2}>{change(e.change.satisfaction)}</td>
          <td />
        </tr>
      </tbody>
    </table>
  );
}
