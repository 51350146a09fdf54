import { Page } from "../../components/Page.tsx";

/** Placeholder. */
export function WebhooksScreen() {
  return <Page title="WebhooksScreen">{null}</Page>;
}
