import { randomUUID } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { forgetApiKey } from "../../auth/access.ts";
import { generateApiKey } from "../../auth/api-keys.ts";
import type { TActor, TApiKeyScope } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { apiKey } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { AppError } from "../../http/errors.ts";
import { recordAudit, SYSTEM_ACTOR } from "../privacy/record-audit.ts";

const columns = {
  id: apiKey.id,
  name: apiKey.name,
  prefix: apiKey.prefix,
  scopes: apiKey.scopes,
  createdAt: apiKey.createdAt,
  lastUsedAt: apiKey.lastUsedAt,
  expiresAt: apiKey.expiresAt,
  revokedAt: apiKey.revokedAt,
};

export interface CreateApiKeyOptions {
  orgId: string;
  name: string;
  scopes: TApiKeyScope[];
  /** Who creates it (recorded with the key and in the audit log); none for keys an operator makes. */
  createdBy?: TActor | null;
  expiresAt?: Date | null;
}

/** Creates an API key; the returned `key` is the only time it exists in clear. */
export async function createApiKey(
  db: Db,
  { orgId, name, scopes, createdBy = null, expiresAt = null }: CreateApiKeyOptions,
) {
  const { key, prefix, hash } = generateApiKey();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiKey)
      .values({
        orgId,
        id: randomUUID(),
        name,
        prefix,
        keyHash: hash,
        scopes: [...new Set(scopes)],
        createdBy: createdBy?.kind === "user" ? createdBy.userId : null,
        expiresAt,
      })
      .returning(columns);
    await recordAudit(tx, {
      orgId,
      actor: createdBy ?? SYSTEM_ACTOR,
      action: "api_key.create",
      target: { type: "api_key", id: row.id },
      details: { scopes: row.scopes, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return { ...row, key };
  });
}

/** Lists the organisation's API keys, newest first. */
export function findApiKeys(db: Db, orgId: string) {
  return db.select(columns).from(apiKey).where(inOrg(apiKey, orgId)).orderBy(desc(apiKey.createdAt));
}

/**
 * Revokes a key; NOT_FOUND if it is not the organisation's or already revoked. This process forgets the key once
 * the revocation commits; other processes refuse it where they read it again (see forgetApiKey).
 */
export async function revokeApiKey(db: Db, actor: TActor, id: string) {
  const revoked = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiKey)
      .set({ revokedAt: new Date() })
      .where(inOrg(apiKey, actor.orgId, and(eq(apiKey.id, id), isNull(apiKey.revokedAt))))
      .returning(columns);
    if (!row) throw new AppError("NOT_FOUND", { message: { key: "problem.apiKey.notFound" } });
    await recordAudit(tx, {
      orgId: actor.orgId,
      actor,
      action: "api_key.revoke",
      target: { type: "api_key", id },
    });
    return row;
  });
  forgetApiKey(db, id);
  return revoked;
}
