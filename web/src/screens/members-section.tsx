import { useId } from "react";
import { ConfirmButton } from "../components/ConfirmButton.tsx";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { ItemTable } from "../components/ItemTable.tsx";
import { ListSection } from "../components/ListSection.tsx";
import { Loading } from "../components/Loading.tsx";
import { useDateTime, useT } from "../i18n/use-t.ts";
import { useActiveOrg, useCan } from "../lib/me.ts";
import { useChangeRole, useMembers, useRemoveMember } from "../lib/members.ts";
import type { Member } from "../lib/types.ts";
import { EndMemberSessionsButton } from "./identity/end-member-sessions.tsx";
import { RoleForm } from "./role-form.tsx";

/** Members with their roles; owners and admins change roles and remove members (not themselves). */
export function MembersSection({ onStatus }: { onStatus: (message: string) => void }) {
  const t = useT();
  const date = useDateTime();
  const id = useId();
  const { me, canManage } = useActiveOrg();
  const members = useMembers();
  const changeRole = useChangeRole();
  const remove = useRemoveMember();
  const owner = useCan("org:manage");
  const isMe = (m: Member) => m.userId === me?.user.id;
  const nameOf = (m: Member) => m.name || m.email;

  const roleCell = (m: Member) =>
    canManage && !isMe(m) ? (
      <RoleForm
        name={nameOf(m)}
        role={m.role}
        pending={changeRole.isPending}
        onSave={(role) =>
          changeRole.mutate(
            { id: m.id, role },
            {
              onSuccess: () => onStatus(t("users.roleChanged", { name: nameOf(m), role: t(`role.${role}`) })),
            },
          )
        }
      />
    ) : (
      t(`role.${m.role}`)
    );

  return (
    <ListSection id={id} title={t("users.members")}>
      <ErrorAlert error={members.error ?? changeRole.error ?? remove.error} />
      {members.isPending ? (
        <Loading />
      ) : (
        <ItemTable
          labelledBy={id}
          items={members.data ?? []}
          empty={t("users.noMembers")}
          columns={[
            {
              header: t("field.personName"),
              cell: (m) => (isMe(m) ? t("users.you", { name: nameOf(m) }) : nameOf(m)),
            },
            { header: t("field.email"), cell: (m) => m.email },
            { header: t("field.role"), cell: roleCell },
            {
              header: t("month.members.col.employee"),
              cell: (m) => m.employeeName ?? t("month.members.noEmployee"),
            },
            { header: t("users.memberSince"), cell: (m) => date(m.createdAt) },
          ]}
          actions={
            canManage
              ? (m) =>
                  !isMe(m) && (
                    <>
                      {owner && (
                        <EndMemberSessionsButton memberId={m.id} name={nameOf(m)} onStatus={onStatus} />
                      )}
                      <ConfirmButton
                        label={t("users.remove")}
                        accessibleName={t("users.removeNamed", { name: nameOf(m) })}
                        question={t("users.removeQuestion", { name: nameOf(m) })}
                        confirmLabel={t("users.removeConfirm")}
                        disabled={remove.isPending}
                        onConfirm={() =>
                          remove.mutate(m.id, {
                            onSuccess: () => onStatus(t("users.removed", { name: nameOf(m) })),
                          })
                        }
                      />
                    </>
                  )
              : undefined
          }
        />
      )}
    </ListSection>
  );
}
