import { hash, randomBytes } from "node:crypto";

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
  // One-shot hashing: no Hash object per id.
  const h = hash("sha256", `${orgId}\n${surveyId}\n${contactId}\n${occurredAt.toISOString()}`, "buffer");
  h[6] = (h[6] & 0x0f) | 0x80;
  h[8] = (h[8] & 0x3f) | 0x80;
  return uuidText(h, 0);
}

const HEX = Buffer.from("0123456789abcdef", "latin1");
const text = Buffer.alloc(36);

/**
 * 16 bytes from `at` as UUID text, in one flat string. A run keeps an id per row (the contact book, the events
 * of the run): built by concatenation, as a template literal or crypto.randomUUID does, each id is a tree of
 * about twenty string pieces, ~490 bytes of heap instead of ~65.
 */
export function uuidText(bytes: Uint8Array, at: number): string {
  let o = 0;
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) text[o++] = 0x2d;
    const b = bytes[at + i];
    text[o++] = HEX[b >> 4];
    text[o++] = HEX[b & 15];
  }
  return text.toString("latin1", 0, 36);
}

/** Random bytes drawn a few kilobytes at a time: one call to the system's generator for many stand-ins. */
const POOL = 32 * 256;
let pool = Buffer.alloc(0);
let used = POOL;

/** `n` random bytes from the pool; returns where they start in `pool`. */
function draw(n: number): number {
  if (used + n > POOL) {
    pool = randomBytes(POOL);
    used = 0;
  }
  used += n;
  return used - n;
}

/** A random UUID (version 4) as one flat string (see uuidText), for ids a run keeps in memory. */
export function newUuid(): string {
  const at = draw(16);
  pool[at + 6] = (pool[at + 6] & 0x0f) | 0x40;
  pool[at + 8] = (pool[at + 8] & 0x3f) | 0x80;
  return uuidText(pool, at);
}

/**
 * A stand-in for the link token's hash until the invitation is sent. The link token must exist in clear only
 * while the e-mail is being written, so it is not made at scheduling time: before sending, the dispatcher
 * derives the token from the invitation (surveyTokenFor in delivery/survey-link.ts) and replaces this value
 * with its hash. The stand-in is 32 random bytes nobody keeps, in hex like a SHA-256 hash, so no link can ever
 * match it (that would take a token whose hash is exactly these bytes).
 */
export function placeholderTokenHash(): string {
  const at = draw(32);
  return pool.toString("hex", at, at + 32);
}
