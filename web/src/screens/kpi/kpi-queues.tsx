import { Link } from "@tanstack/react-router";
import { type FormEvent, useId, useRef, useState } from "react";
import { ConfirmButton } from "../../components/ConfirmButton.tsx";
import { DataTable } from "../../components/DataTable.tsx";
import { EditButton } from "../../components/EditButton.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { SelectField, TextField } from "../../components/Field.tsx";
import { FormActions } from "../../components/FormActions.tsx";
import { FormSection } from "../../components/FormSection.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Page } from "../../components/Page.tsx";
import { StatusMessage, useStatusMessage } from "../../components/StatusMessage.tsx";
import { useT } from "../../i18n/use-t.ts";
import { type FieldErrors, focusFirstInvalid, serverFieldErrors, text } from "../../lib/form.ts";
import {
  KPI_KINDS,
  type KpiKind,
  type KpiQueue,
  useDeleteKpiQueue,
  useKpiQueues,
  useSaveKpiQueue,
} from "../../lib/kpi.ts";
import { useCan } from "../../lib/me.ts";

/** The longest id the address of PUT kpi/queues/:id carries. */
const MAX_ID_LENGTH = 100;
const FIELDS = ["id", "name", "kind"];

/** The queues of the phone and chat systems and the service offices, under the ids their systems use. */
export function KpiQueuesScreen() {
  const t = useT();
  const canManage = useCan("kpi:manage");
  if (!canManage) {
    return (
      <Page title={t("kpiQueues.title")}>
        <p className="muted">{t("kpiQueues.notAllowed")}</p>
      </Page>
    );
  }
  return <QueuesCatalogue />;
}

function QueuesCatalogue() {
  const t = useT();
  const listId = useId();
  const queues = useKpiQueues();
  const remove = useDeleteKpiQueue();
  const [editing, setEditing] = useState<KpiQueue | null>(null);
  const [status, setStatus] = useStatusMessage();
  const items = queues.data?.items ?? [];

  return (
    <Page title={t("kpiQueues.title")}>
      <p>{t("kpiQueues.intro")}</p>
      <details className="help">
        <summary>{t("kpiQueues.help.title")}</summary>
        <p>{t("kpiQueues.help.what")}</p>
        <p>{t("kpiQueues.help.id")}</p>
        <p>{t("kpiQueues.help.kind")}</p>
        <p>{t("kpiQueues.help.remove")}</p>
      </details>
      <p>
        <Link to="/kpi">{t("kpiQueues.toReport")}</Link>
      </p>
      <StatusMessage message={status} />
      <QueueForm
        key={editing?.id ?? "new"}
        queue={editing}
        existing={items}
        onDone={(message) => {
          setEditing(null);
          if (message) setStatus(message);
        }}
      />
      <section aria-labelledby={listId}>
        <h2 id={listId}>{t("kpiQueues.list")}</h2>
        <ErrorAlert error={queues.error ?? remove.error} />
        {queues.isPending ? (
          <Loading />
        ) : (
          <DataTable<KpiQueue>
            labelledBy={listId}
            rows={items}
            rowKey={(q) => q.id}
            empty={t("kpiQueues.empty")}
            columns={[
              { header: t("kpiQueues.name"), cell: (q) => q.name },
              { header: t("kpiQueues.id"), cell: (q) => <code>{q.id}</code> },
              { header: t("kpiQueues.kind"), cell: (q) => t(`kpiQueues.kind.${q.kind}`) },
              { header: t("kpiQueues.contacts"), numeric: true, cell: (q) => q.contacts.toLocaleString() },
              {
                header: t("common.actions"),
                cell: (q) => (
                  <span className="row-actions">
                    <EditButton
                      name={q.name}
                      onClick={() => {
                        setStatus("");
                        setEditing(q);
                      }}
                    />
                    {q.contacts === 0 && (
                      <ConfirmButton
                        label={t("kpiQueues.remove")}
                        accessibleName={t("kpiQueues.removeNamed", { name: q.name })}
                        question={t("kpiQueues.removeQuestion", { name: q.name })}
                        confirmLabel={t("kpiQueues.removeConfirm")}
                        disabled={remove.isPending}
                        onConfirm={() =>
                          remove.mutate(q.id, {
                            onSuccess: () => {
                              if (editing?.id === q.id) setEditing(null);
                              setStatus(t("kpiQueues.removed", { name: q.name }));
                            },
                          })
                        }
                      />
                    )}
                  </span>
                ),
              },
            ]}
          />
        )}
      </section>
    </Page>
  );
}

type QueueFormProps = {
  queue: KpiQueue | null;
  existing: KpiQueue[];
  onDone: (message?: string) => void;
};

/** Adds a queue under its source id, or renames one and changes its kind (the id stays: it is the source's). */
function QueueForm({ queue, existing, onDone }: QueueFormProps) {
  const t = useT();
  const form = useRef<HTMLFormElement>(null);
  const save = useSaveKpiQueue();
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const server = serverFieldErrors(save.error);
  const errors: FieldErrors = {
    ...server,
    ...(server["params.id"] ? { id: server["params.id"] } : {}),
    ...clientErrors,
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const id = queue ? queue.id : text(data, "id");
    const name = String(data.get("name") ?? "");
    const kind = String(data.get("kind") ?? "call") as KpiKind;
    const found: FieldErrors = {};
    if (!queue) {
      const taken = existing.find((q) => q.id === id);
      if (!id) found.id = t("kpiQueues.idRequired");
      else if (id.length > MAX_ID_LENGTH) found.id = t("kpiQueues.idTooLong", { max: MAX_ID_LENGTH });
      else if (taken) found.id = t("kpiQueues.idTaken", { name: taken.name });
    }
    setClientErrors(found);
    save.reset();
    if (Object.keys(found).length) return focusFirstInvalid(form.current);
    save.mutate(
      { id, name, kind },
      {
        onSuccess: (saved) => {
          if (!queue) form.current?.reset();
          onDone(t(queue ? "status.updated" : "status.created", { name: saved.name }));
        },
        onError: () => focusFirstInvalid(form.current),
      },
    );
  };

  return (
    <FormSection
      title={queue ? t("kpiQueues.edit", { name: queue.name }) : t("kpiQueues.add")}
      focus={!!queue}
    >
      <ErrorAlert error={save.error} fields={[...FIELDS, "params.id"]} />
      <form ref={form} onSubmit={submit} noValidate>
        {queue ? (
          <p>
            {t("kpiQueues.id")}: <code>{queue.id}</code>{" "}
            <span className="hint">{t("kpiQueues.idFixed")}</span>
          </p>
        ) : (
          <TextField
            label={t("kpiQueues.id")}
            hint={t("kpiQueues.idHint")}
            name="id"
            autoComplete="off"
            spellCheck={false}
            error={errors.id}
          />
        )}
        <TextField
          label={t("kpiQueues.name")}
          hint={t("kpiQueues.nameHint")}
          name="name"
          defaultValue={queue?.name}
          error={errors.name}
        />
        <SelectField
          label={t("kpiQueues.kind")}
          hint={t("kpiQueues.kindHint")}
          name="kind"
          defaultValue={queue?.kind ?? "call"}
          error={errors.kind}
        >
          {KPI_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kpiQueues.kind.${k}`)}
            </option>
          ))}
        </SelectField>
        <FormActions
          submitLabel={t(queue ? "common.save" : "kpiQueues.addSubmit")}
          pending={save.isPending}
          onCancel={queue ? () => onDone() : undefined}
        />
      </form>
    </FormSection>
  );
}
