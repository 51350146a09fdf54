import { createHash, randomBytes } from "node:crypto";

/** A survey link token: 32 random bytes (256 bits), base64url (43 characters). */
export function generateSurveyToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashSurveyToken(token) };
}

/** Tokens are stored only as SHA-256, so a database leak reveals no working links. */
export function hashSurveyToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Cheap shape check before any database look-up. */
export function isWellFormedToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
