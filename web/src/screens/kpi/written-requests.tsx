import { type FormEvent, useId, useRef, useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { SelectField, TextField } from "../../components/Field.tsx";
import { FormActions } from "../../components/FormActions.tsx";
import { ItemTable } from "../../components/ItemTable.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Page } from "../../components/Page.tsx";
import { StatusMessage, useStatusMessage } from "../../components/StatusMessage.tsx";
import { Tabs } from "../../components/Tabs.tsx";
import { useT } from "../../i18n/use-t.ts";
import { type FieldErrors, focusFirstInvalid, serverFieldErrors } from "../../lib/form.ts";
import { useNames } from "../../lib/lookups.ts";
import { useCan } from "../../lib/me.ts";
import {
  localToday,
  useCreateWrittenRequest,
  useMarkReplied,
  useWrittenRequests,
  WRITTEN_REQUEST_KINDS,
  WRITTEN_REQUEST_VIEWS,
  type WrittenRequest,
  type WrittenRequestKind,
  type WrittenRequestView,
} from "../../lib/written-requests.ts";

const FIELDS = ["reference", "kind", "deadlineDays", "receivedAt", "employeeId", "serviceId"];

/** The value of a datetime-local input for now, in the browser's time. */
const nowLocal = () => {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
};

/** Letters and requests for information with their reply deadlines: what is due, and registering new ones. */
export function WrittenRequestsScreen() {
  const t = useT();
  const [view, setView] = useState<WrittenRequestView>("week");
  const list = useWrittenRequests(view);
  const names = useNames();
  const canWrite = useCan("kpi:write");
  const reply = useMarkReplied();
  const [status, setStatus] = useStatusMessage();
  const listId = useId();
  const today = localToday();
  const stateOf = (r: WrittenRequest) =>
    r.repliedAt
      ? t("written.replied", { date: new Date(r.repliedAt).toLocaleDateString() })
      : r.deadline < today
        ? t("written.overdue")
        : t("written.open");
  return (
    <Page title={t("written.title")}>
      <p>{t("written.intro")}</p>
      <StatusMessage message={status} />
      <h2 id={listId}>{t("written.list")}</h2>
      <Tabs
        label={t("written.views")}
        tabs={WRITTEN_REQUEST_VIEWS.map((v) => ({ id: v, label: t(`written.view.${v}`) }))}
        selected={view}
        onSelect={(id) => setView(id as WrittenRequestView)}
      >
        <ErrorAlert error={list.error ?? reply.error} />
        {list.isPending ? (
          <Loading />
        ) : (
          <ItemTable
            labelledBy={listId}
            items={list.data?.items ?? []}
            empty={t(`written.empty.${view}`)}
            columns={[
              { header: t("written.reference"), cell: (r) => r.reference },
              { header: t("written.kind"), cell: (r) => t(`written.kind.${r.kind}`) },
              {
                header: t("written.receivedAt"),
                cell: (r) => new Date(r.receivedAt).toLocaleDateString(),
              },
              { header: t("written.deadline"), cell: (r) => r.deadline },
              { header: t("written.state"), cell: stateOf },
              { header: t("written.employee"), cell: (r) => names.employee(r.employeeId) },
              { header: t("written.service"), cell: (r) => names.service(r.serviceId) },
            ]}
            actions={
              canWrite
                ? (r) =>
                    r.repliedAt ? null : (
                      <button
                        type="button"
                        disabled={reply.isPending}
                        aria-label={t("written.markRepliedOf", { reference: r.reference })}
                        onClick={() =>
                          reply.mutate(r.id, {
                            onSuccess: () =>
                              setStatus(t("written.markedReplied", { reference: r.reference })),
                          })
                        }
                      >
                        {t("written.markReplied")}
                      </button>
                    )
                : undefined
            }
          />
        )}
      </Tabs>
      {canWrite && <RegisterForm onSaved={setStatus} />}
    </Page>
  );
}

/** Registers a request; the deadline comes back from the server (Estonian public holidays included). */
function RegisterForm({ onSaved }: { onSaved: (message: string) => void }) {
  const t = useT();
  const names = useNames();
  const create = useCreateWrittenRequest();
  const form = useRef<HTMLFormElement>(null);
  const headingId = useId();
  const [kind, setKind] = useState<WrittenRequestKind>("letter");
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = { ...serverFieldErrors(create.error), ...clientErrors };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const value = (name: string) => String(data.get(name) ?? "").trim();
    const found: FieldErrors = {};
    const reference = value("reference");
    if (!reference) found.reference = t("written.required");
    const received = value("receivedAt");
    const receivedAt = received ? new Date(received) : null;
    if (!receivedAt || Number.isNaN(receivedAt.getTime())) found.receivedAt = t("written.required");
    const days = Number(value("deadlineDays"));
    if (kind === "custom" && !(Number.isInteger(days) && days >= 1 && days <= 365))
      found.deadlineDays = t("written.daysBetween");
    setClientErrors(found);
    if (Object.keys(found).length || !receivedAt) return focusFirstInvalid(form.current);
    const target = event.currentTarget;
    create.mutate(
      {
        reference,
        kind,
        receivedAt: receivedAt.toISOString(),
        ...(kind === "custom" ? { deadlineDays: days } : {}),
        ...(value("employeeId") ? { employeeId: value("employeeId") } : {}),
        ...(value("serviceId") ? { serviceId: value("serviceId") } : {}),
      },
      {
        onSuccess: (saved) => {
          target.reset();
          setKind("letter");
          onSaved(t("written.registered", { reference: saved.reference, deadline: saved.deadline }));
        },
        onError: () => focusFirstInvalid(form.current),
      },
    );
  };

  return (
    <section aria-labelledby={headingId} className="form-section">
      <h2 id={headingId}>{t("written.register")}</h2>
      <p className="hint">{t("written.registerHint")}</p>
      <ErrorAlert error={create.error} fields={FIELDS} />
      <form ref={form} onSubmit={submit} noValidate>
        <TextField
          label={t("written.reference")}
          hint={t("written.referenceHint")}
          name="reference"
          required
          maxLength={200}
          error={errors.reference}
        />
        <SelectField
          label={t("written.kind")}
          name="kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as WrittenRequestKind)}
          hint={t(`written.kindHint.${kind}`)}
          error={errors.kind}
        >
          {WRITTEN_REQUEST_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`written.kind.${k}`)}
            </option>
          ))}
        </SelectField>
        {kind === "custom" && (
          <TextField
            label={t("written.deadlineDays")}
            name="deadlineDays"
            type="number"
            inputMode="numeric"
            min={1}
            max={365}
            required
            error={errors.deadlineDays}
          />
        )}
        <TextField
          label={t("written.receivedAt")}
          name="receivedAt"
          type="datetime-local"
          defaultValue={nowLocal()}
          required
          error={errors.receivedAt}
        />
        <SelectField label={t("written.employee")} name="employeeId" error={errors.employeeId}>
          <option value="">{t("written.nobody")}</option>
          {names.employees
            .filter((e) => !e.archivedAt)
            .map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
        </SelectField>
        <SelectField label={t("written.service")} name="serviceId" error={errors.serviceId}>
          <option value="">{t("written.noService")}</option>
          {names.services
            .filter((s) => !s.archivedAt)
            .map((s) => (
              <option key={s.id} value={s.id}>
                {names.service(s.id)}
              </option>
            ))}
        </SelectField>
        <FormActions submitLabel={t("written.save")} pending={create.isPending} />
      </form>
    </section>
  );
}
