import { useId } from "react";
import { ConfirmButton } from "../components/ConfirmButton.tsx";
import { CopyButton } from "../components/CopyButton.tsx";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { ItemTable } from "../components/ItemTable.tsx";
import { ListSection } from "../components/ListSection.tsx";
import { Loading } from "../components/Loading.tsx";
import type { MessageId } from "../i18n/messages.ts";
import { useDateTime, useT } from "../i18n/use-t.ts";
import { BASE } from "../lib/base.ts";
import { useActiveOrg } from "../lib/me.ts";
import { useCancelInvitation, useInvitations } from "../lib/members.ts";
import type { Invitation } from "../lib/types.ts";

const STATUS: Record<string, MessageId> = {
  pending: "invitationStatus.pending",
  accepted: "invitationStatus.accepted",
  rejected: "invitationStatus.rejected",
  canceled: "invitationStatus.canceled",
  expired: "invitationStatus.expired",
};

const statusOf = (i: Invitation) =>
  i.status === "pending" && new Date(i.expiresAt).getTime() < Date.now() ? "expired" : i.status;

/** The link an invited person opens (also sent by e-mail); copying it helps when mail is not set up. */
export const invitationLink = (id: string) =>
  `${location.origin}${BASE}/accept-invitation?id=${encodeURIComponent(id)}`;

/** Invitations: who was invited, with which role, and whether they accepted. */
export function InvitationsSection({ onStatus }: { onStatus: (message: string) => void }) {
  const t = useT();
  const date = useDateTime();
  const id = useId();
  const { canManage } = useActiveOrg();
  const invitations = useInvitations();
  const cancel = useCancelInvitation();

  const actions = (i: Invitation) =>
    statusOf(i) === "pending" && (
      <>
        <CopyButton
          text={invitationLink(i.id)}
          label={t("invitations.copyLink")}
          accessibleName={t("invitations.copyLinkFor", { email: i.email })}
        />
        <ConfirmButton
          label={t("invitations.cancel")}
          accessibleName={t("invitations.cancelFor", { email: i.email })}
          question={t("invitations.cancelQuestion", { email: i.email })}
          confirmLabel={t("invitations.cancelConfirm")}
          disabled={cancel.isPending}
          onConfirm={() =>
            cancel.mutate(i.id, { onSuccess: () => onStatus(t("invitations.canceled", { email: i.email })) })
          }
        />
      </>
    );

  return (
    <ListSection id={id} title={t("invitations.title")}>
      <ErrorAlert error={invitations.error ?? cancel.error} />
      {invitations.isPending ? (
        <Loading />
      ) : (
        <ItemTable
          labelledBy={id}
          items={invitations.data ?? []}
          empty={t("invitations.empty")}
          columns={[
            { header: t("field.email"), cell: (i) => i.email },
            { header: t("field.role"), cell: (i) => (i.role ? t(`role.${i.role}`) : "") },
            {
              header: t("invitations.status"),
              cell: (i) => (STATUS[statusOf(i)] ? t(STATUS[statusOf(i)]) : i.status),
            },
            { header: t("invitations.expires"), cell: (i) => date(i.expiresAt) },
          ]}
          actions={canManage ? actions : undefined}
        />
      )}
    </ListSection>
  );
}
