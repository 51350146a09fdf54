import { Page } from "../../components/Page.tsx";

/** Placeholder. */
export function ContactRulesScreen() {
  return <Page title="ContactRulesScreen">{null}</Page>;
}
