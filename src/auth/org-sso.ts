import { randomUUID } from "node:crypto";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { symmetricDecrypt } from "better-auth/crypto";
import { genericOAuth } from "better-auth/plugins/generic-oauth";
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/connect.ts";
import { account, member, session, user } from "../db/schema.ts";
import { inOrg } from "../db/scope.ts";
import { orgSso } from "../modules/identity/schema.ts";
import { recordAudit } from "../modules/privacy/record-audit.ts";

/** better-auth provider ids of organisations' single sign-on: `org-<organisation id>`. */
const PROVIDER_PREFIX = "org-";
export const ssoProviderId = (orgId: string) => `${PROVIDER_PREFIX}${orgId}`;
const orgIdOf = (providerId: unknown): string | null =>
  typeof providerId === "string" && providerId.startsWith(PROVIDER_PREFIX)
    ? providerId.slice(PROVIDER_PREFIX.length)
    : null;

/** The codes a refused single sign-on ends with (`?error=` on the sign-in page); the page translates them. */
export const SSO_ERRORS = {
  unknownOrganisation: "sso_unknown_organization",
  unreachable: "sso_issuer_unreachable",
  emailUnverified: "sso_email_unverified",
  notMember: "sso_not_member",
  failed: "sso_failed",
} as const;

/** Scopes asked of every provider: the subject, a name and the e-mail address with its verification flag. */
const SCOPES = ["openid", "email", "profile"];
/** How long a provider built from an organisation's settings (with its discovery document) is reused. */
const PROVIDER_TTL_MS = 10 * 60_000;
/** An issuer that does not answer within this time fails the sign-in instead of holding the browser. */
const DISCOVERY_TIMEOUT_MS = 5_000;

/**
 * `amr` values (RFC 8176) that mean the provider checked more than one factor, and eIDAS levels of assurance
 * in `acr` (TARA's `substantial` and `high`) that require two factors.
 */
const MFA_AMR = new Set(["mfa", "otp", "hwk", "sc", "sms", "swk+pin"]);
const MFA_ACR = new Set([
  "substantial",
  "high",
  "http://eidas.europa.eu/LoA/substantial",
  "http://eidas.europa.eu/LoA/high",
]);

/** Whether an ID token's claims say that the person signed in with more than one factor. */
export function assertsMultiFactor(claims: Record<string, unknown> | null): boolean {
  if (!claims) return false;
  const amr = Array.isArray(claims.amr) ? claims.amr : [];
  if (amr.some((v) => typeof v === "string" && MFA_AMR.has(v))) return true;
  return typeof claims.acr === "string" && MFA_ACR.has(claims.acr);
}

/** The payload of a JWT, unverified: only read from tokens better-auth has already verified. */
function jwtClaims(token: string | null | undefined): Record<string, unknown> | null {
  const payload = token?.split(".")[1];
  if (!payload) return null;
  try {
    return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
  } catch {
    return null;
  }
}

export const discoveryUrlOf = (issuer: string) =>
  `${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`;

/** The organisation's enabled single sign-on settings, or null. */
export async function findEnabledSso(db: Db, orgId: string) {
  const [row] = await db
    .select()
    .from(orgSso)
    .where(inOrg(orgSso, orgId, eq(orgSso.enabled, true)));
  return row ?? null;
}
type TSsoRow = NonNullable<Awaited<ReturnType<typeof findEnabledSso>>>;

interface TDiscovery {
  issuer?: string;
  userinfo_endpoint?: string;
}

async function fetchDiscovery(issuer: string): Promise<TDiscovery | null> {
  try {
    const res = await fetch(discoveryUrlOf(issuer), {
      signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS),
      redirect: "error",
    });
    if (!res.ok) return null;
    const doc = (await res.json()) as TDiscovery;
    // OpenID Connect Discovery §4.3: the document's issuer must be the one asked for.
    return doc.issuer?.replace(/\/+$/, "") === issuer.replace(/\/+$/, "") ? doc : null;
  } catch {
    return null;
  }
}

/** The person as the provider describes them: the verified ID token's claims, completed from userinfo. */
async function profileOf(
  tokens: { idToken?: string; accessToken?: string },
  userinfoUrl: string | undefined,
): Promise<Record<string, unknown> | null> {
  // Without an ID token better-auth would not have verified anything (signature, audience, nonce).
  const claims = jwtClaims(tokens.idToken);
  if (!claims || typeof claims.sub !== "string") return null;
  let profile: Record<string, unknown> = claims;
  if (claims.email === undefined && userinfoUrl && tokens.accessToken) {
    const res = await fetch(userinfoUrl, {
      headers: { authorization: `Bearer ${tokens.accessToken}` },
      signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS),
    }).catch(() => null);
    const info = res?.ok ? ((await res.json().catch(() => null)) as Record<string, unknown> | null) : null;
    // OpenID Connect Core §5.3.2: a userinfo answer about someone else is ignored.
    if (info && info.sub === claims.sub) profile = { ...info, ...claims };
  }
  const name =
    typeof profile.name === "string"
      ? profile.name
      : [profile.given_name, profile.family_name].filter((p) => typeof p === "string").join(" ");
  return {
    ...profile,
    id: claims.sub,
    email: typeof profile.email === "string" ? profile.email : undefined,
    emailVerified: profile.email_verified === true || profile.email_verified === "true",
    name,
  };
}

type TProvider = { id: string };
type TAuthCtx = Parameters<NonNullable<BetterAuthPlugin["init"]>>[0];

/**
 * Single sign-on through each organisation's OpenID Connect provider, on better-auth's `genericOAuth` provider
 * and its core `/sign-in/social` and `/callback/:id` endpoints (state, PKCE, nonce and ID-token checks are
 * better-auth's). `genericOAuth` builds its providers once, at start; here a provider is built from the
 * organisation's row when one of those endpoints asks for `org-<id>`, and added to that request's context only.
 */
export function orgSsoPlugin({ db, secret }: { db: Db; secret: string }): BetterAuthPlugin {
  const built = new Map<string, { version: string; at: number; provider: TProvider }>();

  async function providerFor(context: TAuthCtx, row: TSsoRow): Promise<TProvider | null> {
    const version = `${row.updatedAt.toISOString()}|${row.issuer}`;
    const hit = built.get(row.orgId);
    if (hit && hit.version === version && Date.now() - hit.at < PROVIDER_TTL_MS) return hit.provider;
    const discovery = await fetchDiscovery(row.issuer);
    if (!discovery) return null;
    const providerId = ssoProviderId(row.orgId);
    const plugin = genericOAuth({
      config: [
        {
          providerId,
          discoveryUrl: discoveryUrlOf(row.issuer),
          clientId: row.clientId,
          clientSecret: await symmetricDecrypt({ key: secret, data: row.clientSecretEncrypted }),
          authentication: "basic",
          scopes: SCOPES,
          pkce: true,
          requireIdTokenVerification: true,
          getUserInfo: (tokens) =>
            profileOf(tokens, discovery.userinfo_endpoint) as ReturnType<
              NonNullable<Parameters<typeof genericOAuth>[0]["config"][number]["getUserInfo"]>
            >,
        },
      ],
    });
    const result = (await plugin.init?.(context)) as
      | { context?: { socialProviders?: TProvider[] } }
      | undefined;
    const provider = result?.context?.socialProviders?.find((p) => p.id === providerId);
    if (!provider) return null;
    built.set(row.orgId, { version, at: Date.now(), provider });
    return provider;
  }

  return {
    id: "kaja-org-sso",
    hooks: {
      before: [
        {
          matcher: (ctx) => ctx.path === "/sign-in/social" || ctx.path === "/callback/:id",
          handler: createAuthMiddleware(async (ctx) => {
            const signingIn = ctx.path === "/sign-in/social";
            const body = ctx.body as { provider?: unknown; idToken?: unknown } | undefined;
            const orgId = orgIdOf(signingIn ? body?.provider : ctx.params?.id);
            if (!orgId) return;
            // An ID token posted directly would skip the state and nonce of the redirect flow.
            if (signingIn && body?.idToken !== undefined)
              throw new APIError("BAD_REQUEST", {
                message: "Sign in through the redirect.",
                code: "sso_redirect_only",
              });
            const row = await findEnabledSso(db, orgId);
            const provider = row ? await providerFor(ctx.context, row) : null;
            if (!provider) {
              const code = row ? SSO_ERRORS.unreachable : SSO_ERRORS.unknownOrganisation;
              if (!signingIn) throw ctx.redirect(signInPage(ctx.context.baseURL, code));
              throw new APIError(row ? "SERVICE_UNAVAILABLE" : "NOT_FOUND", { message: code, code });
            }
            const c = ctx.context as unknown as { socialProviders: TProvider[]; trustedProviders: string[] };
            // Only this request's copy of the context changes (better-auth copies it per request).
            c.socialProviders = [provider, ...c.socialProviders.filter((p) => p.id !== provider.id)];
            // Trusted: an existing account is linked by its e-mail, which `ssoUserGate` requires to be verified.
            c.trustedProviders = [...c.trustedProviders, provider.id];
          }),
        },
      ],
      after: [
        {
          matcher: (ctx) => ctx.path === "/callback/:id",
          handler: createAuthMiddleware(async (ctx) => {
            const orgId = orgIdOf(ctx.params?.id);
            const signedIn = ctx.context.newSession;
            if (!orgId || !signedIn) return;
            await afterSsoSignIn(db, orgId, signedIn.user.id, signedIn.session.id);
          }),
        },
      ],
    },
  };
}

/** better-auth's sign-in page for failures: the admin app's, which translates `?error=`. */
export const signInPage = (baseUrl: string, error?: string) => {
  const origin = new URL(baseUrl).origin;
  return `${origin}/app/sign-in${error ? `?error=${encodeURIComponent(error)}` : ""}`;
};

/**
 * After the provider vouched for the person and better-auth made the session: just-in-time membership (when the
 * organisation allows it), the organisation made active, and whether the sign-in was multi-factor recorded on the
 * session (the organisation's two-factor requirement reads it).
 */
async function afterSsoSignIn(db: Db, orgId: string, userId: string, sessionId: string) {
  const [sso] = await db.select().from(orgSso).where(inOrg(orgSso, orgId));
  const [membership] = await db
    .select({ id: member.id })
    .from(member)
    .where(and(eq(member.organizationId, orgId), eq(member.userId, userId)));
  if (!membership && sso?.jitEnabled) {
    const memberId = randomUUID();
    await db.transaction(async (tx) => {
      await tx.insert(member).values({ id: memberId, organizationId: orgId, userId, role: sso.jitRole });
      const actor = { type: "user" as const, id: userId };
      await recordAudit(tx as unknown as Db, {
        orgId,
        actor,
        action: "member.join",
        target: { type: "member", id: memberId },
        details: { method: "sso", role: sso.jitRole },
      });
      // The sign-in entry the audit hook could not write: the person was no member when it ran.
      await recordAudit(tx as unknown as Db, {
        orgId,
        actor,
        action: "auth.sign_in",
        target: { type: "user", id: userId },
        details: { method: "sso" },
      });
    });
  }
  const [linked] = await db
    .select({ idToken: account.idToken })
    .from(account)
    .where(and(eq(account.userId, userId), eq(account.providerId, ssoProviderId(orgId))));
  await db
    .update(session)
    .set({
      activeOrganizationId: orgId,
      ssoOrgId: orgId,
      ssoMfa: assertsMultiFactor(jwtClaims(linked?.idToken)),
    })
    .where(eq(session.id, sessionId));
}

interface TGateInput {
  user: { id?: string; email?: string | null; emailVerified?: unknown };
  source: { method: string; action?: string; oauth?: { providerId?: string } };
}

/**
 * better-auth's `user.validateUserInfo` gate, run before it creates, links or signs in a user from a provider
 * (so a refusal writes nothing): an organisation's sign-on accepts only a verified e-mail address, and only a
 * member of the organisation unless just-in-time membership is on.
 */
export function ssoUserGate(db: Db) {
  return async ({ user: person, source }: TGateInput): Promise<{ error: string } | undefined> => {
    if (source.method !== "oauth") return undefined;
    const orgId = orgIdOf(source.oauth?.providerId);
    if (!orgId) return undefined;
    if (person.emailVerified !== true) return { error: SSO_ERRORS.emailUnverified };
    const sso = await findEnabledSso(db, orgId);
    if (!sso) return { error: SSO_ERRORS.unknownOrganisation };
    if (sso.jitEnabled) return undefined;
    const email = person.email?.toLowerCase() ?? "";
    const known = source.action === "create-user" ? undefined : person.id;
    const [found] = await db
      .select({ id: member.id })
      .from(member)
      .innerJoin(user, eq(user.id, member.userId))
      .where(and(eq(member.organizationId, orgId), known ? eq(user.id, known) : eq(user.email, email)));
    return found ? undefined : { error: SSO_ERRORS.notMember };
  };
}
