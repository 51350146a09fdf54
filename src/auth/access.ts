import CSRF from "@fastify/csrf";
import type { FastifyReply, FastifyRequest } from "fastify";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { AppDeps } from "../context.ts";
import { apiKey, member } from "../db/schema.ts";
import { inOrg } from "../db/scope.ts";
import { AppError } from "../http/errors.ts";
import { t } from "../i18n/account-mail.ts";
import { orgRequiresTwoFactor } from "../modules/identity/org-security.ts";
import { hashApiKey, isApiKey } from "./api-keys.ts";
import { can, type TActor, type TApiKeyScope, type TCapability, type TRole } from "./permissions.ts";

declare module "fastify" {
  interface FastifyRequest {
    kajaActor?: TActor | null;
    /** Set when the caller has a valid session but belongs to no organisation. */
    kajaWithoutOrganization?: boolean;
    /** Set (to the user's language) when the organisation requires two-factor sign-in and the user has none. */
    kajaNeedsTwoFactor?: string | null;
  }
}

/** Cookie holding the CSRF secret (set by @fastify/csrf-protection's generateCsrf). */
const CSRF_COOKIE = "_csrf";
const csrfTokens = CSRF();

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Converts Fastify's header object to a Fetch Headers object. */
export function toHeaders(raw: FastifyRequest["headers"]): Headers {
  const headers = new Headers();
  for (const [k, v] of Object.entries(raw)) {
    if (Array.isArray(v)) for (const item of v) headers.append(k, item);
    else if (v !== undefined) headers.set(k, String(v));
  }
  return headers;
}

export interface ResolveActorOptions {
  /**
   * The route checks an API key again in its own first statement (`apiKeyStillValid`) and answers 401 when it is
   * revoked, expired or gone: a key found valid earlier in this process may then be taken from memory.
   */
  keyCheckedByRoute?: boolean;
}

/** Finds who is calling (API key or session), or null. Cached on the request. */
export async function resolveActor(
  deps: AppDeps,
  request: FastifyRequest,
  options: ResolveActorOptions = {},
): Promise<TActor | null> {
  if (request.kajaActor !== undefined) return request.kajaActor;
  const authz = request.headers.authorization;
  let actor: TActor | null = null;
  if (authz?.startsWith("Bearer ") && isApiKey(authz.slice(7).trim())) {
    actor = await actorFromApiKey(deps, authz.slice(7).trim(), options.keyCheckedByRoute === true);
  } else {
    const found = await deps.auth.api.getSession({ headers: toHeaders(request.headers) });
    if (found) {
      const active = (found.session as { activeOrganizationId?: string | null }).activeOrganizationId ?? null;
      const m = await findMembership(deps, found.user.id, active);
      request.kajaWithoutOrganization = !m;
      const user = found.user as { twoFactorEnabled?: boolean | null; locale?: string | null };
      const sso = found.session as { ssoOrgId?: string | null; ssoMfa?: boolean | null };
      if (m && !secondFactorShown(user, sso, m.orgId) && (await orgRequiresTwoFactor(deps.db, m.orgId))) {
        request.kajaNeedsTwoFactor = user.locale ?? null;
      } else if (m)
        actor = {
          kind: "user",
          userId: found.user.id,
          orgId: m.orgId,
          role: m.role,
          sessionId: found.session.id,
        };
    }
  }
  request.kajaActor = actor;
  return actor;
}

/**
 * Whether the session counts as two-factor for the organisation's requirement. A password session: when the
 * user has set up two-factor sign-in (better-auth then asked for the code). A single sign-on session: only when
 * it came from this organisation's provider and the provider asserted a multi-factor sign-in (`amr`/`acr`);
 * better-auth asks no code of its own after a provider's sign-in ([decisions/033](../../docs/decisions/033-oidc-sign-in.md)).
 */
function secondFactorShown(
  user: { twoFactorEnabled?: boolean | null },
  sso: { ssoOrgId?: string | null; ssoMfa?: boolean | null },
  orgId: string,
): boolean {
  if (sso.ssoOrgId) return sso.ssoOrgId === orgId && sso.ssoMfa === true;
  return user.twoFactorEnabled === true;
}

/** The user's membership in the active organisation, else in their oldest one. */
export async function findMembership(
  deps: AppDeps,
  userId: string,
  activeOrgId: string | null,
): Promise<{ orgId: string; role: TRole } | null> {
  const rows = await deps.db
    .select({ orgId: member.organizationId, role: member.role })
    .from(member)
    .where(eq(member.userId, userId))
    .orderBy(asc(member.createdAt));
  const chosen = rows.find((r) => r.orgId === activeOrgId) ?? rows[0];
  return chosen ? { orgId: chosen.orgId, role: chosen.role as TRole } : null;
}

/** An API key as authentication reads it. */
interface TKnownKey {
  id: string;
  orgId: string;
  scopes: string[];
  expiresAt: Date | null;
  lastUsedAt: Date | null;
}

/**
 * API keys found valid in this process, by hash, per database. Only routes that check the key again in their own
 * first statement take a key from here (ResolveActorOptions.keyCheckedByRoute): a key revoked in another
 * process is then refused at its next request all the same. Revoking in this process forgets the key at once.
 */
const knownKeys = new WeakMap<object, Map<string, TKnownKey>>();
/** At most this many keys are remembered per database (the oldest forgotten first). */
const MAX_KNOWN_KEYS = 1000;

function keysOf(db: object): Map<string, TKnownKey> {
  let keys = knownKeys.get(db);
  if (!keys) {
    keys = new Map();
    knownKeys.set(db, keys);
  }
  return keys;
}

/** Forgets a key found valid before (revoked, or found invalid by a route's own check). */
export function forgetApiKey(db: object, keyId: string): void {
  const keys = knownKeys.get(db);
  if (!keys) return;
  for (const [hash, key] of keys) if (key.id === keyId) keys.delete(hash);
}

async function actorFromApiKey(deps: AppDeps, key: string, fromMemory: boolean): Promise<TActor | null> {
  const hash = hashApiKey(key);
  const keys = keysOf(deps.db);
  let row = fromMemory ? keys.get(hash) : undefined;
  if (!row) {
    [row] = await deps.db
      .select({
        id: apiKey.id,
        orgId: apiKey.orgId,
        scopes: apiKey.scopes,
        expiresAt: apiKey.expiresAt,
        lastUsedAt: apiKey.lastUsedAt,
      })
      .from(apiKey)
      .where(and(eq(apiKey.keyHash, hash), isNull(apiKey.revokedAt)));
    if (row) {
      if (keys.size >= MAX_KNOWN_KEYS && !keys.has(hash)) keys.delete(keys.keys().next().value as string);
      keys.set(hash, row);
    } else keys.delete(hash);
  }
  if (!row || (row.expiresAt && row.expiresAt < new Date())) return null;
  // Record use at most once a minute: a write on every call would cap the API's throughput.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    row.lastUsedAt = new Date();
    await deps.db
      .update(apiKey)
      .set({ lastUsedAt: row.lastUsedAt })
      .where(inOrg(apiKey, row.orgId, eq(apiKey.id, row.id)));
  }
  return { kind: "apiKey", keyId: row.id, orgId: row.orgId, scopes: row.scopes as TApiKeyScope[] };
}

/** Authenticates, checks CSRF for cookie sessions, and authorises `capability`; returns the actor. */
export async function requireAccess(
  deps: AppDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  capability: TCapability,
  options: ResolveActorOptions = {},
): Promise<TActor> {
  const actor = await resolveActor(deps, request, options);
  if (!actor && request.kajaNeedsTwoFactor !== undefined)
    throw new AppError("TWO_FACTOR_REQUIRED", {
      detail: t(request.kajaNeedsTwoFactor, "twoFactor.required"),
    });
  // Signed in but in no organisation (an invitee before accepting): 401 would send them back to sign-in.
  if (!actor && request.kajaWithoutOrganization)
    throw new AppError("FORBIDDEN", { message: { key: "problem.auth.noOrganization" } });
  if (!actor) throw new AppError("UNAUTHENTICATED", { message: { key: "problem.auth.signInOrKey" } });
  if (actor.kind === "user" && !SAFE_METHODS.has(request.method)) await verifyCsrf(request, reply);
  if (!can(actor, capability)) {
    throw new AppError("FORBIDDEN", {
      message: { key: "problem.forbiddenCapability", values: { capability } },
    });
  }
  return actor;
}

/** Checks the CSRF token of a cookie-authenticated change (double submit: secret cookie + x-csrf-token header). */
export async function verifyCsrf(request: FastifyRequest, _reply?: FastifyReply): Promise<void> {
  const secret = request.cookies[CSRF_COOKIE];
  const token = request.headers["x-csrf-token"];
  if (!secret || typeof token !== "string" || !csrfTokens.verify(secret, token)) {
    throw new AppError("CSRF", { message: { key: "problem.auth.csrf" } });
  }
}
