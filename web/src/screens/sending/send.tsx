import { Page } from "../../components/Page.tsx";

/** Placeholder. */
export function SendScreen() {
  return <Page title="SendScreen">{null}</Page>;
}
