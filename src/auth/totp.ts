import { createHmac, timingSafeEqual } from "node:crypto";

/** Seconds per time step (RFC 6238's default, what authenticator apps use). */
export const TOTP_PERIOD = 30;

/** The time step a moment falls in. */
export const totpStep = (at: number = Date.now()) => Math.floor(at / 1000 / TOTP_PERIOD);

/** The six-digit code of one time step (RFC 4226 truncation over HMAC-SHA1). */
export function totpCode(secret: Uint8Array | string, step: number, digits = 6): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac("sha1", typeof secret === "string" ? Buffer.from(secret, "utf8") : secret)
    .update(counter)
    .digest();
  const offset = mac[mac.length - 1] & 15;
  const value = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(value % 10 ** digits).padStart(digits, "0");
}

/** The step within ±`window` of now whose code is `code`, or null when none matches. */
export function matchTotpStep(secret: string, code: string, { at = Date.now(), window = 1 } = {}) {
  const now = totpStep(at);
  for (let step = now - window; step <= now + window; step++) {
    const expected = Buffer.from(totpCode(secret, step));
    const given = Buffer.from(code);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return step;
  }
  return null;
}

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** Decodes the base32 secret of an `otpauth://` URI (what an authenticator app reads from the QR code). */
export function base32Decode(input: string): Buffer {
  const clean = input.replace(/=+$/, "").toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const index = BASE32.indexOf(ch);
    if (index < 0) throw new Error(`not base32: ${ch}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}
