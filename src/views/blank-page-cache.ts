import type { TSurveyDefinition } from "../domain/survey-definition.ts";

/** Rendered pages kept per survey definition; more than this many (languages × tag names) and all are dropped. */
const PAGES_PER_DEFINITION = 200;

/**
 * Blank answer pages (no answer yet, no errors, no notice, no contact question) hold nothing of their link: the
 * form has no action and posts back to the page's own address, which carries the token. The page depends only on
 * the survey definition, the language and the names filled into the texts, so it is rendered once per definition
 * and key and sent as the same bytes to every link. Definitions come frozen from the survey version cache, and an
 * edited version is a new object, so keying on the object drops an edited survey's pages with it; nothing else
 * needs invalidating.
 */
const pages = new WeakMap<TSurveyDefinition, Map<string, Buffer>>();

/**
 * The blank page for `definition` and `key` (everything besides the definition that the page depends on), as
 * UTF-8 bytes: from the cache, or rendered by `render` and kept.
 */
export function blankAnswerPage(definition: TSurveyDefinition, key: string, render: () => string): Buffer {
  let byKey = pages.get(definition);
  if (!byKey) {
    byKey = new Map();
    pages.set(definition, byKey);
  }
  let page = byKey.get(key);
  if (!page) {
    page = Buffer.from(render());
    if (byKey.size >= PAGES_PER_DEFINITION) byKey.clear();
    byKey.set(key, page);
  }
  return page;
}
