import { useId, useState } from "react";
import { ConfirmButton } from "../../components/ConfirmButton.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { ItemTable } from "../../components/ItemTable.tsx";
import { ListSection } from "../../components/ListSection.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Page } from "../../components/Page.tsx";
import { StatusMessage, useStatusMessage } from "../../components/StatusMessage.tsx";
import { useDateTime, useT } from "../../i18n/use-t.ts";
import { useCan } from "../../lib/me.ts";
import { type NewWebhook, type Webhook, useDeleteWebhook, useWebhooks } from "../../lib/webhooks.ts";
import { NewSecretBox } from "./new-secret-box.tsx";
import { WebhookDeliveries } from "./webhook-deliveries.tsx";
import { WebhookForm } from "./webhook-form.tsx";

/** Webhook endpoints: list, add (the signing secret is shown once), delete, and each one's delivery log. */
export function WebhooksScreen() {
  const t = useT();
  const date = useDateTime();
  const canManage = useCan("webhooks:manage");
  const listId = useId();
  const [status, setStatus] = useStatusMessage();
  const [created, setCreated] = useState<NewWebhook | null>(null);
  const [logOf, setLogOf] = useState<Webhook | null>(null);
  const hooks = useWebhooks(canManage);
  const remove = useDeleteWebhook();

  if (!canManage) {
    return (
      <Page title={t("webhooks.title")}>
        <p className="muted">{t("webhooks.readOnly")}</p>
      </Page>
    );
  }

  const actions = (w: Webhook) => (
    <>
      <button
        type="button"
        aria-label={t("webhooks.showLogNamed", { url: w.url })}
        aria-expanded={logOf?.id === w.id}
        onClick={() => setLogOf(logOf?.id === w.id ? null : w)}
      >
        {t("webhooks.showLog")}
      </button>
      <ConfirmButton
        label={t("webhooks.delete")}
        accessibleName={t("webhooks.deleteNamed", { url: w.url })}
        question={t("webhooks.deleteQuestion", { url: w.url })}
        confirmLabel={t("webhooks.deleteConfirm")}
        disabled={remove.isPending}
        onConfirm={() =>
          remove.mutate(w.id, {
            onSuccess: () => {
              if (logOf?.id === w.id) setLogOf(null);
              setStatus(t("webhooks.deleted", { url: w.url }));
            },
          })
        }
      />
    </>
  );

  return (
    <Page title={t("webhooks.title")}>
      <p>{t("webhooks.intro")}</p>
      <StatusMessage message={status} />
      {created && <NewSecretBox webhook={created} onDismiss={() => setCreated(null)} />}
      <ListSection id={listId} title={t("webhooks.list")}>
        <ErrorAlert error={hooks.error ?? remove.error} />
        {hooks.isPending ? (
          <Loading />
        ) : (
          <ItemTable
            labelledBy={listId}
            items={hooks.data ?? []}
            empty={t("webhooks.empty")}
            columns={[
              { header: t("webhooks.url"), cell: (w) => <code className="break">{w.url}</code> },
              {
                header: t("webhooks.events"),
                cell: (w) => (
                  <ul className="plain">
                    {w.events.map((e) => (
                      <li key={e}>
                        <code>{e}</code>
                      </li>
                    ))}
                  </ul>
                ),
              },
              { header: t("apiKeys.created"), cell: (w) => date(w.createdAt) },
            ]}
            actions={actions}
          />
        )}
      </ListSection>
      {logOf && <WebhookDeliveries webhook={logOf} />}
      <WebhookForm onCreated={setCreated} />
    </Page>
  );
}
