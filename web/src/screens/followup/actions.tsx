import { Link } from "@tanstack/react-router";
import { useId, useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { TextAreaField, TextField } from "../../components/Field.tsx";
import { ItemTable } from "../../components/ItemTable.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Page } from "../../components/Page.tsx";
import { StatusMessage, useStatusMessage } from "../../components/StatusMessage.tsx";
import { useT } from "../../i18n/use-t.ts";
import { useActions, useCreateAction } from "../../lib/followup.ts";
import { useCan } from "../../lib/me.ts";

/** Improvement actions: the list, and a short form to plan a new one. */
export function ActionsScreen() {
  const t = useT();
  const actions = useActions();
  const canWrite = useCan("actions:write");
  const listId = useId();
  const formId = useId();
  const create = useCreateAction();
  const [status, setStatus] = useStatusMessage();
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [deadline, setDeadline] = useState("");
  return (
    <Page title={t("actions.title")}>
      <p>{t("actions.intro")}</p>
      <StatusMessage message={status} />
      <h2 id={listId}>{t("actions.list")}</h2>
      <ErrorAlert error={actions.error} />
      {actions.isPending ? (
        <Loading />
      ) : (
        <ItemTable
          labelledBy={listId}
          items={actions.data?.items ?? []}
          empty={t("actions.empty")}
          columns={[
            {
              header: t("actions.titleField"),
              cell: (a) => (
                <Link to="/improvement-actions/$actionId" params={{ actionId: a.id }}>
                  {a.title}
                </Link>
              ),
            },
            { header: t("actions.status"), cell: (a) => t(`actionStatus.${a.status}`) },
            { header: t("actions.deadline"), cell: (a) => a.deadline ?? "" },
          ]}
        />
      )}
      {canWrite && (
        <section aria-labelledby={formId}>
          <h2 id={formId}>{t("actions.new")}</h2>
          <ErrorAlert error={create.error} />
          <form
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate(
                { title, description, deadline: deadline || null },
                {
                  onSuccess: () => {
                    setTitle("");
                    setDescription("");
                    setDeadline("");
                    setStatus(t("actions.created"));
                  },
                },
              );
            }}
          >
            <TextField
              label={t("actions.titleField")}
              name="title"
              required
              maxLength={200}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
            />
            <TextAreaField
              label={t("actions.description")}
              name="description"
              rows={3}
              maxLength={5000}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
            <TextField
              label={t("actions.deadline")}
              name="deadline"
              type="date"
              value={deadline}
              onChange={(e) => setDeadline(e.target.value)}
            />
            <button type="submit" disabled={create.isPending}>
              {t("actions.create")}
            </button>
          </form>
        </section>
      )}
    </Page>
  );
}
