import { createHash, randomBytes } from "node:crypto";

const KEY_PREFIX = "kaja_";

/** A new API key: 32 random bytes, base64url; only its SHA-256 is stored. */
export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const key = KEY_PREFIX + randomBytes(32).toString("base64url");
  return { key, prefix: key.slice(0, KEY_PREFIX.length + 6), hash: hashApiKey(key) };
}

/** SHA-256 hex of a key. A fast hash suffices: the key has 256 bits of entropy, unlike a password. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** Whether a bearer token looks like a Kaja API key (and not a session token). */
export function isApiKey(token: string): boolean {
  return token.startsWith(KEY_PREFIX) && token.length > 20 && token.length < 100;
}
