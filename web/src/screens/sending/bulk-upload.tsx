import { Page } from "../../components/Page.tsx";

/** Placeholder. */
export function BulkUploadScreen() {
  return <Page title="BulkUploadScreen">{null}</Page>;
}
