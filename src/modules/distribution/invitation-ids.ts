import { createHash, randomBytes } from "node:crypto";

/**
 * The id of the invitation scheduled for one service contact: a UUID (version 8, RFC 9562) derived from the
 * survey, the contact and the instant of the contact. A repeated event finds the earlier invitation by primary
 * key, with no extra index and no race (the second insert of the same id fails and the caller retries).
 */
export function eventInvitationId(
  orgId: string,
  surveyId: string,
  contactId: string,
  occurredAt: Date,
): string {
  const h = createHash("sha256")
    .update(`${orgId}\n${surveyId}\n${contactId}\n${occurredAt.toISOString()}`)
    .digest();
  h[6] = (h[6] & 0x0f) | 0x80;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Random bytes drawn a few kilobytes at a time: one call to the system's generator for many stand-ins. */
const POOL = 32 * 256;
let pool = Buffer.alloc(0);
let used = POOL;

/**
 * A stand-in for the link token's hash until the invitation is sent. The link token must exist in clear only
 * while the e-mail is being written, so it is not made at scheduling time: before sending, the dispatcher
 * derives the token from the invitation (surveyTokenFor in delivery/survey-link.ts) and replaces this value
 * with its hash. The stand-in is 32 random bytes nobody keeps, in hex like a SHA-256 hash, so no link can ever
 * match it (that would take a token whose hash is exactly these bytes).
 */
export function placeholderTokenHash(): string {
  if (used >= POOL) {
    pool = randomBytes(POOL);
    used = 0;
  }
  used += 32;
  return pool.toString("hex", used - 32, used);
}
