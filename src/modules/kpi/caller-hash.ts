import { createHash, createHmac } from "node:crypto";

/** HMAC-SHA256 of a caller reference (spaces removed) with the organisation's secret: equal callers, equal hashes. */
export function callerHash(secret: string, reference: string): string {
  return createHmac("sha256", Buffer.from(secret, "hex")).update(reference.replace(/\s+/g, "")).digest("hex");
}

/** A stable digest of a record's content, to tell a repeated delivery from a different record with the same id. */
export function contentHash(values: readonly unknown[]): string {
  return createHash("sha256").update(JSON.stringify(values)).digest("hex");
}
