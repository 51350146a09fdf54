import { createHmac, createSecretKey, hash, type KeyObject } from "node:crypto";

/** The key of the last secret used: making a key object costs more than the HMAC of a short reference. */
let lastKey: { secret: string; key: KeyObject } | undefined;

/** HMAC-SHA256 of a caller reference (spaces removed) with the organisation's secret: equal callers, equal hashes. */
export function callerHash(secret: string, reference: string): string {
  if (lastKey?.secret !== secret) lastKey = { secret, key: createSecretKey(Buffer.from(secret, "hex")) };
  return createHmac("sha256", lastKey.key).update(reference.replace(/\s+/g, "")).digest("hex");
}

/** A stable digest of a record's content, to tell a repeated delivery from a different record with the same id. */
export function contentHash(values: readonly unknown[]): string {
  return hash("sha256", JSON.stringify(values), "hex");
}
