import { useId, useState } from "react";
import { ArchivedToggle } from "../components/ArchivedToggle.tsx";
import { ConfirmButton } from "../components/ConfirmButton.tsx";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { ItemTable } from "../components/ItemTable.tsx";
import { ListSection } from "../components/ListSection.tsx";
import { Loading } from "../components/Loading.tsx";
import { Page } from "../components/Page.tsx";
import { StatusMessage, useStatusMessage } from "../components/StatusMessage.tsx";
import { useDateTime, useT } from "../i18n/use-t.ts";
import { useApiKeys, useRevokeApiKey } from "../lib/api-keys.ts";
import { useActiveOrg } from "../lib/me.ts";
import type { ApiKey, NewApiKey } from "../lib/types.ts";
import { ApiKeyForm } from "./api-key-form.tsx";
import { NewKeyBox } from "./new-key-box.tsx";

/** API keys for the organisation's own systems: list, create (key shown once), revoke. */
export function ApiKeysScreen() {
  const t = useT();
  const date = useDateTime();
  const listId = useId();
  const { canManage } = useActiveOrg();
  const [status, setStatus] = useStatusMessage();
  const [created, setCreated] = useState<NewApiKey | null>(null);
  const [showRevoked, setShowRevoked] = useState(false);
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const items = (keys.data ?? []).filter((k) => showRevoked || !k.revokedAt);

  const revokeButton = (k: ApiKey) =>
    !k.revokedAt && (
      <ConfirmButton
        label={t("apiKeys.revoke")}
        accessibleName={t("apiKeys.revokeNamed", { name: k.name })}
        question={t("apiKeys.revokeQuestion", { name: k.name })}
        confirmLabel={t("apiKeys.revokeConfirm")}
        disabled={revoke.isPending}
        onConfirm={() =>
          revoke.mutate(k.id, { onSuccess: () => setStatus(t("apiKeys.revoked", { name: k.name })) })
        }
      />
    );

  return (
    <Page title={t("apiKeys.title")}>
      <p>{t("apiKeys.intro")}</p>
      <StatusMessage message={status} />
      {created && <NewKeyBox apiKey={created} onDismiss={() => setCreated(null)} />}
      <ListSection id={listId} title={t("apiKeys.list")}>
        <ArchivedToggle label={t("apiKeys.showRevoked")} checked={showRevoked} onChange={setShowRevoked} />
        <ErrorAlert error={keys.error ?? revoke.error} />
        {keys.isPending ? (
          <Loading />
        ) : (
          <ItemTable
            labelledBy={listId}
            items={items}
            empty={t("apiKeys.empty")}
            columns={[
              { header: t("field.name"), cell: (k) => k.name },
              { header: t("apiKeys.prefix"), cell: (k) => <code>{k.prefix}…</code> },
              {
                header: t("apiKeys.scopes"),
                cell: (k) => (
                  <ul className="plain">
                    {k.scopes.map((s) => (
                      <li key={s}>
                        <code>{s}</code>
                      </li>
                    ))}
                  </ul>
                ),
              },
              { header: t("apiKeys.created"), cell: (k) => date(k.createdAt) },
              {
                header: t("apiKeys.lastUsed"),
                cell: (k) => (k.lastUsedAt ? date(k.lastUsedAt) : t("apiKeys.never")),
              },
              {
                header: t("apiKeys.state"),
                cell: (k) =>
                  k.revokedAt ? t("apiKeys.revokedAt", { date: date(k.revokedAt) }) : t("apiKeys.active"),
              },
            ]}
            actions={canManage ? revokeButton : undefined}
          />
        )}
      </ListSection>
      {canManage && <ApiKeyForm onCreated={setCreated} />}
    </Page>
  );
}
