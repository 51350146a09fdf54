import { createHmac, timingSafeEqual } from "node:crypto";

/** The Kaja-Signature header: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`. */
export function signatureHeader(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
  return `t=${t},v1=${v1}`;
}

/**
 * Checks a Kaja-Signature header as a receiver should: the HMAC over "<t>.<body>" matches and t is within
 * `toleranceSeconds` of `now` (against replays). Receivers can copy this function.
 */
export function verifySignature(
  secret: string,
  body: string,
  header: string,
  { now = new Date(), toleranceSeconds = 300 } = {},
): boolean {
  const parts = Object.fromEntries(header.split(",").map((p) => p.trim().split("=", 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1) return false;
  if (Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return false;
  const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest();
  const given = Buffer.from(parts.v1, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
