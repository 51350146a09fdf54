import { hash, randomBytes } from "node:crypto";

/** A survey link token: 32 random bytes (256 bits), base64url (43 characters). */
export function generateSurveyToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashSurveyToken(token) };
}

/**
 * Tokens are stored only as SHA-256, so a database leak reveals no working links. One-shot `hash` (no Hash
 * object per call): every link request hashes its token.
 */
export function hashSurveyToken(token: string): string {
  return hash("sha256", token, "hex");
}

/** Cheap shape check before any database look-up. */
export function isWellFormedToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
