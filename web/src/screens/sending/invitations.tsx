import { Page } from "../../components/Page.tsx";

/** Placeholder. */
export function InvitationsScreen() {
  return <Page title="InvitationsScreen">{null}</Page>;
}
