import type { Db } from "../../db/connect.ts";
import type { TInvitationForAnswer } from "./record-answer.ts";

/** Links kept per database at most; beyond this, the one kept longest ago is dropped. */
const LINK_CACHE_SIZE = 10_000;
/** How long a page view's link read may serve the answer that follows it. */
const LINK_CACHE_MS = 60 * 60 * 1000;

const caches = new WeakMap<Db, Map<string, { at: number; inv: TInvitationForAnswer }>>();

/**
 * Keeps the link a page view read (unanswered and open), so that the answer that usually follows it from the same
 * process needs no second read. Nothing is trusted from here: the answer statement writes only if the row stamps
 * read with the link still hold (first-answer.ts), and the route reads the link again when it writes nothing.
 */
export function keepLink(db: Db, token: string, inv: TInvitationForAnswer, now = Date.now()): void {
  let links = caches.get(db);
  if (!links) {
    links = new Map();
    caches.set(db, links);
  }
  links.delete(token);
  if (links.size >= LINK_CACHE_SIZE) links.delete(links.keys().next().value as string);
  links.set(token, { at: now, inv });
}

/** The link kept for `token`, unless it is older than LINK_CACHE_MS. */
export function keptLink(db: Db, token: string, now = Date.now()): TInvitationForAnswer | undefined {
  const links = caches.get(db);
  const kept = links?.get(token);
  if (!kept) return undefined;
  if (now - kept.at <= LINK_CACHE_MS) return kept.inv;
  links?.delete(token);
  return undefined;
}

/** Drops the link kept for `token` (it was answered). */
export function forgetLink(db: Db, token: string): void {
  caches.get(db)?.delete(token);
}
