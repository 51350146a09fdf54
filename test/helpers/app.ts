import { randomUUID } from "node:crypto";
import { after } from "node:test";
import { buildApp, type KajaApp } from "../../src/app.ts";
import type { TRole } from "../../src/auth/permissions.ts";
import { loadConfig } from "../../src/config.ts";
import type { AppDeps } from "../../src/context.ts";
import { and, desc, eq } from "drizzle-orm";
import { account, member, outbox } from "../../src/db/schema.ts";
import { createDeps } from "../../src/deps.ts";
import { createOrganization, ensureUser } from "../../src/modules/accounts/create-organization.ts";
import { standardDefinition } from "../../src/domain/survey-definition.ts";
import { createSurvey } from "../../src/modules/surveys/surveys.ts";
import { fastPasswordHasher } from "./fast-password.ts";

export const TEST_PASSWORD = "correct horse battery staple";

export interface TestContext {
  app: KajaApp;
  deps: AppDeps;
  close(): Promise<void>;
}

const DEFAULT_SIGN_IN_PER_MINUTE = 10_000;

/** Builds an app of its own (own in-memory PGlite, or a pool on PostgreSQL); `close` ends it. */
export async function startOwnTestApp({
  signInPerMinute = DEFAULT_SIGN_IN_PER_MINUTE,
  env = {},
}: {
  signInPerMinute?: number;
  env?: Record<string, string | undefined>;
} = {}): Promise<TestContext> {
  const config = loadConfig({
    NODE_ENV: "test",
    DATABASE_URL: process.env.DATABASE_URL,
    PUBLIC_URL: "http://localhost:3000",
    LOG_LEVEL: "silent",
    ...env,
  });
  const deps = await createDeps(config, {
    inMemory: true,
    signInPerMinute,
    passwordHasher: fastPasswordHasher,
  });
  // The shared app serves every test file of a lane from one client address, so the per-address API and
  // survey-link limits are lifted here; tests of rate limits build their own app.
  const app = await buildApp(deps, { apiRateLimit: 1_000_000, linkRateLimit: 1_000_000 });
  await app.ready();
  return {
    app,
    deps,
    close: async () => {
      await deps.mailer.close();
      await app.close();
      await deps.database.close();
    },
  };
}

let shared: Promise<TestContext> | undefined;
// Registered when this module loads, so it hangs on the root test: it runs once the process's tests end.
after(async () => (await shared)?.close());

/**
 * The app every test file shares within one process (PostgreSQL when DATABASE_URL is set, else an in-memory
 * PGlite): building an app and its database costs seconds, a test's own organisation costs milliseconds.
 * Tests stay independent through their own organisations (`createTestOrg`). `close` is a no-op; the shared app
 * closes when the process's tests end. A test that needs other settings uses `startOwnTestApp`.
 */
export async function startTestApp({
  signInPerMinute = DEFAULT_SIGN_IN_PER_MINUTE,
} = {}): Promise<TestContext> {
  if (signInPerMinute !== DEFAULT_SIGN_IN_PER_MINUTE) return startOwnTestApp({ signInPerMinute });
  if (!shared) {
    shared = startOwnTestApp();
  }
  const ctx = await shared;
  return { app: ctx.app, deps: ctx.deps, close: async () => {} };
}

/** A unique suffix so tests can share one PostgreSQL database. */
export const unique = () => randomUUID().slice(0, 8);

/** Gives a user a password directly (what the set-password link does through the UI). */
export async function setPassword(deps: AppDeps, userId: string, password = TEST_PASSWORD) {
  const ctx = await deps.auth.$context;
  await deps.db.insert(account).values({
    id: randomUUID(),
    accountId: userId,
    providerId: "credential",
    userId,
    password: await ctx.password.hash(password),
  });
}

export interface Session {
  userId: string;
  email: string;
  cookie: string;
  csrf: string;
}

/** The `name=value` parts of Set-Cookie headers. */
export function cookiesFrom(setCookie: string | string[] | undefined): string[] {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return list.map((c) => c.split(";")[0]);
}

/** Signs in over HTTP and fetches a CSRF token; returns headers-ready cookie and token. */
export async function signIn(app: KajaApp, email: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await app.inject({
    method: "POST",
    url: "/api/auth/sign-in/email",
    payload: { email, password },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const session = cookiesFrom(res.headers["set-cookie"]).join("; ");
  const c = await app.inject({ method: "GET", url: "/api/v1/csrf", headers: { cookie: session } });
  const cookie = [session, ...cookiesFrom(c.headers["set-cookie"])].join("; ");
  return { userId: res.json().user.id, email, cookie, csrf: c.json().token };
}

export interface TestOrg {
  orgId: string;
  slug: string;
  owner: Session;
  as(role: TRole): Promise<Session>;
}

/** Creates an organisation with a signed-in owner; `as(role)` adds and signs in a member with that role. */
export async function createTestOrg(ctx: TestContext, name = "Test Org"): Promise<TestOrg> {
  const slug = `test-${unique()}`;
  const ownerEmail = `owner-${slug}@example.test`;
  const { org, owner } = await createOrganization(ctx.deps, { name, slug, ownerEmail });
  await setPassword(ctx.deps, owner.id);
  const ownerSession = await signIn(ctx.app, ownerEmail);
  const cache = new Map<TRole, Session>([["owner", ownerSession]]);
  return {
    orgId: org.id,
    slug,
    owner: ownerSession,
    async as(role) {
      const hit = cache.get(role);
      if (hit) return hit;
      const u = await ensureUser(ctx.deps.db, `${role}-${slug}@example.test`);
      await ctx.deps.db
        .insert(member)
        .values({ id: randomUUID(), organizationId: org.id, userId: u.id, role });
      await setPassword(ctx.deps, u.id);
      const s = await signIn(ctx.app, u.email);
      cache.set(role, s);
      return s;
    },
  };
}

/** Headers of a cookie-authenticated request (with the CSRF token). */
export const asUser = (s: Session) => ({ cookie: s.cookie, "x-csrf-token": s.csrf });

/** A random private client address: rate-limit counters live in the (possibly shared) database, keyed by address. */
export const randomIp = () => `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 254) + 1).join(".")}`;

/** A respondent's JSON answer to an invitation link (`POST /s/{token}`), from an address of its own. */
export const postAnswer = (app: KajaApp, token: string, payload: Record<string, unknown>) =>
  app.inject({
    method: "POST",
    url: `/s/${token}`,
    remoteAddress: randomIp(),
    headers: { "content-type": "application/json" },
    payload,
  });

/** The newest message in the outbox to `to` of the given kind; fails if there is none. */
export async function lastMail(deps: AppDeps, to: string, kind: string) {
  const [mail] = await deps.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.to, to), eq(outbox.kind, kind)))
    .orderBy(desc(outbox.createdAt))
    .limit(1);
  if (!mail) throw new Error(`no ${kind} mail to ${to} in the outbox`);
  return mail;
}

/** The first http(s) link in `text` that matches `pattern`. */
export function linkIn(text: string, pattern: RegExp): string {
  const link = text.match(/https?:\/\/\S+/g)?.find((l) => pattern.test(l));
  if (!link) throw new Error(`no link matching ${pattern} in:\n${text}`);
  return link;
}

/** The token of a set-password link (`…/app/reset-password?token=…`). */
export const tokenOf = (link: string) => {
  const token = new URL(link).searchParams.get("token");
  if (!token) throw new Error(`no token in ${link}`);
  return token;
};

/** Sets a new password with a one-time token, as the web app's reset-password page does. */
export function resetPassword(app: KajaApp, token: string, newPassword: string) {
  return app.inject({
    method: "POST",
    url: "/api/auth/reset-password",
    remoteAddress: randomIp(),
    payload: { newPassword, token },
  });
}

/** Makes the user with `email` (created if new, with TEST_PASSWORD) a member with `role`; does not sign in. */
export async function addMember(ctx: TestContext, orgId: string, email: string, role: TRole) {
  const u = await ensureUser(ctx.deps.db, email);
  await ctx.deps.db.insert(member).values({ id: randomUUID(), organizationId: orgId, userId: u.id, role });
  const [hasPassword] = await ctx.deps.db
    .select({ id: account.id })
    .from(account)
    .where(and(eq(account.userId, u.id), eq(account.providerId, "credential")));
  if (!hasPassword) await setPassword(ctx.deps, u.id);
  return u;
}

/** A transactional survey with the standard questions in Estonian: the survey most answer-path tests answer. */
export async function createStandardSurvey(deps: AppDeps, orgId: string, name = "S"): Promise<string> {
  const { id } = await createSurvey(deps.db, orgId, {
    name,
    kind: "transactional",
    definition: standardDefinition({ locales: ["et"] }),
  });
  return id;
}
