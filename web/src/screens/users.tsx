import { Page } from "../components/Page.tsx";
import { StatusMessage, useStatusMessage } from "../components/StatusMessage.tsx";
import { useT } from "../i18n/use-t.ts";
import { useActiveOrg } from "../lib/me.ts";
import { InvitationsSection } from "./invitations-section.tsx";
import { InviteForm } from "./invite-form.tsx";
import { MembersSection } from "./members-section.tsx";
import { RolesHelp } from "./roles-help.tsx";

/** The organisation's users: members and their roles, invitations, and inviting someone. */
export function UsersScreen() {
  const t = useT();
  const { canManage } = useActiveOrg();
  const [status, setStatus] = useStatusMessage();
  return (
    <Page title={t("users.title")}>
      <StatusMessage message={status} />
      <MembersSection onStatus={setStatus} />
      <InvitationsSection onStatus={setStatus} />
      {canManage && <InviteForm onStatus={setStatus} />}
      <RolesHelp />
    </Page>
  );
}
