import { symmetricEncrypt } from "better-auth/crypto";
import { ssoProviderId } from "../../auth/org-sso.ts";
import type { TActor, TRole } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { inOrg } from "../../db/scope.ts";
import { AppError, fieldProblem } from "../../http/errors.ts";
import { auditSettingsChange } from "../privacy/audit-settings.ts";
import { orgSso } from "./schema.ts";

export interface TSsoInput {
  enabled: boolean;
  issuer: string;
  clientId: string;
  /** Omitted: the stored secret stays. */
  clientSecret?: string;
  jitEnabled: boolean;
  jitRole: Exclude<TRole, "owner">;
}

/** The organisation whose settings are asked for must be the caller's: another one's is "not found". */
function ownOrg(actor: TActor, orgId: string) {
  if (actor.orgId !== orgId)
    throw new AppError("NOT_FOUND", { message: { key: "problem.organization.notFound" } });
}

/** The settings as the API shows them: everything except the client secret, of which only its presence. */
export async function getSsoSettings(db: Db, actor: TActor, orgId: string, publicUrl: string) {
  ownOrg(actor, orgId);
  const [row] = await db.select().from(orgSso).where(inOrg(orgSso, orgId));
  const origin = new URL(publicUrl).origin;
  return {
    configured: !!row,
    enabled: row?.enabled ?? false,
    issuer: row?.issuer ?? null,
    clientId: row?.clientId ?? null,
    clientSecretSet: !!row,
    jitEnabled: row?.jitEnabled ?? false,
    jitRole: (row?.jitRole ?? "viewer") as TSsoInput["jitRole"],
    /** The address to register with the provider as the redirect URI. */
    redirectUri: `${origin}/api/auth/callback/${ssoProviderId(orgId)}`,
    updatedAt: row?.updatedAt ?? null,
  };
}

/** Saves the settings; the secret is encrypted with the server secret before it is stored. */
export async function saveSsoSettings(
  db: Db,
  actor: TActor,
  orgId: string,
  input: TSsoInput,
  { secret, publicUrl }: { secret: string; publicUrl: string },
) {
  ownOrg(actor, orgId);
  const [existing] = await db.select({ orgId: orgSso.orgId }).from(orgSso).where(inOrg(orgSso, orgId));
  if (!existing && !input.clientSecret)
    throw fieldProblem(
      "body.clientSecret",
      { key: "zod.required" },
      { detail: { key: "problem.sso.secretRequired" }, fieldCode: "required" },
    );
  const encrypted = input.clientSecret
    ? await symmetricEncrypt({ key: secret, data: input.clientSecret })
    : undefined;
  const updatedBy = actor.kind === "user" ? actor.userId : null;
  const values = {
    enabled: input.enabled,
    issuer: input.issuer.replace(/\/+$/, ""),
    clientId: input.clientId,
    jitEnabled: input.jitEnabled,
    jitRole: input.jitRole,
    updatedBy,
    updatedAt: new Date(),
    ...(encrypted ? { clientSecretEncrypted: encrypted } : {}),
  };
  await db.transaction(async (tx) => {
    if (existing) await tx.update(orgSso).set(values).where(inOrg(orgSso, orgId));
    else await tx.insert(orgSso).values({ orgId, clientSecretEncrypted: encrypted ?? "", ...values });
    const { clientSecret: _secret, ...rest } = input;
    // The entry names the fields sent (and that a new secret was), never their values.
    await auditSettingsChange(tx as unknown as Db, actor, "sso", input.clientSecret ? input : rest);
  });
  return getSsoSettings(db, actor, orgId, publicUrl);
}

/** Turns single sign-on off and forgets the settings (members keep their accounts and memberships). */
export async function deleteSsoSettings(db: Db, actor: TActor, orgId: string) {
  ownOrg(actor, orgId);
  await db.transaction(async (tx) => {
    const removed = await tx.delete(orgSso).where(inOrg(orgSso, orgId)).returning({ orgId: orgSso.orgId });
    if (removed.length === 0) throw new AppError("NOT_FOUND", { message: { key: "problem.sso.notSetUp" } });
    await auditSettingsChange(tx as unknown as Db, actor, "sso", { removed: true });
  });
}
