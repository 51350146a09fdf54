import { html } from "../../views/html.ts";

/** The HTML an organisation pastes into its website to show a website survey in an iframe. */
export function embedSnippet(publicUrl: string, orgSlug: string, surveySlug: string, title: string): string {
  const src = `${publicUrl.replace(/\/+$/, "")}/w/${encodeURIComponent(orgSlug)}/${encodeURIComponent(surveySlug)}?embed=1`;
  return html`<iframe src="${src}" title="${title}" width="100%" height="720" style="border:0" loading="lazy"></iframe>`
    .value;
}
