import { Page } from "../../components/Page.tsx";

/** Placeholder. */
export function OutboxScreen() {
  return <Page title="OutboxScreen">{null}</Page>;
}
