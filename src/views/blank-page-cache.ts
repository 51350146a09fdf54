import type { TSurveyDefinition } from "../domain/survey-definition.ts";
import { escapeHtml } from "./html.ts";

/** Rendered pages kept per survey definition; more than this many (languages × tag names) and all are dropped. */
const PAGES_PER_DEFINITION = 200;
/** Stands in for the link token while the page is rendered; a token is never this (it is not well-formed). */
const TOKEN_MARK = "~token~";

/** A page rendered once, cut where the token goes. */
type TCutPage = { before: Buffer; after: Buffer };

/**
 * Blank answer pages (no answer yet, no errors, no notice, no contact question) differ only in the link token in
 * the form's action: the rest depends on the survey definition, the language and the names filled into the
 * texts. The page is rendered once per definition and key and the token put in per request. Definitions come
 * frozen from the survey version cache, and an edited version is a new object, so keying on the object drops
 * an edited survey's pages with it; nothing else needs invalidating.
 */
const pages = new WeakMap<TSurveyDefinition, Map<string, TCutPage>>();

/**
 * The blank page for `token`: from the cache, or rendered by `render` (given the form action to use) and kept.
 * `key` names everything besides the definition that the page depends on. `action` is where the form posts,
 * with the token marked by `token`.
 */
export function blankAnswerPage(
  definition: TSurveyDefinition,
  key: string,
  token: string,
  render: (action: string) => string,
): Buffer {
  let byKey = pages.get(definition);
  if (!byKey) {
    byKey = new Map();
    pages.set(definition, byKey);
  }
  let page = byKey.get(key);
  if (!page) {
    const action = `/s/${TOKEN_MARK}`;
    const full = render(action);
    // The form's action attribute is written by the template with its quotes; texts of the survey are escaped,
    // so a quote in them can never make this string.
    const at = full.indexOf(`action="${action}"`);
    if (at < 0) return Buffer.from(render(`/s/${token}`));
    const cut = at + 'action="/s/'.length;
    page = {
      before: Buffer.from(full.slice(0, cut)),
      after: Buffer.from(full.slice(cut + TOKEN_MARK.length)),
    };
    if (byKey.size >= PAGES_PER_DEFINITION) byKey.clear();
    byKey.set(key, page);
  }
  const mid = Buffer.from(escapeHtml(token), "latin1");
  return Buffer.concat([page.before, mid, page.after], page.before.length + mid.length + page.after.length);
}
