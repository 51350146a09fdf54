import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { apiRoutes } from "../../http/route.ts";
import { type Api, ZIdParams } from "../../http/types.ts";
import { ROLES } from "../../auth/permissions.ts";
import { getSecuritySettings, updateSecuritySettings } from "./security-settings.ts";
import { deleteSsoSettings, getSsoSettings, saveSsoSettings } from "./sso-settings.ts";
import { endMemberSessions, endMyOtherSessions, endMySession, findMySessions } from "./sessions.ts";

const ZSecuritySettings = z.object({
  requireTwoFactor: z.boolean(),
  membersWithoutTwoFactor: z.number().int(),
});

const ZSession = z.object({
  id: z.string(),
  userAgent: z.string().nullable(),
  ipAddress: z.string().nullable(),
  createdAt: z.date(),
  /** When the session was last refreshed (at most once a day while in use). */
  lastUsedAt: z.date(),
  expiresAt: z.date(),
  current: z.boolean(),
});
const ZEnded = z.object({ ended: z.number().int() });

const ZJitRole = z.enum(ROLES.filter((r) => r !== "owner") as [Exclude<(typeof ROLES)[number], "owner">]);
const ZSsoSettings = z.object({
  configured: z.boolean(),
  enabled: z.boolean(),
  issuer: z.string().nullable(),
  clientId: z.string().nullable(),
  /** Whether a client secret is stored; the secret itself is never returned. */
  clientSecretSet: z.boolean(),
  jitEnabled: z.boolean(),
  jitRole: ZJitRole,
  redirectUri: z.string(),
  updatedAt: z.date().nullable(),
});
const ZSsoInput = z.strictObject({
  enabled: z.boolean(),
  issuer: z
    .url({ protocol: /^https?$/, message: "must be an http(s) URL" })
    .max(500)
    .refine((u) => !/[?#]/.test(u), "must have no query or fragment"),
  clientId: z.string().trim().min(1).max(500),
  clientSecret: z.string().min(1).max(2000).optional(),
  jitEnabled: z.boolean(),
  jitRole: ZJitRole,
});

/** The organisation's sign-in rules, sessions and single sign-on. */
export function registerIdentityRoutes(app: Api, deps: AppDeps): void {
  const route = apiRoutes(app, deps);
  const tags = ["sign-in"] as const;

  route.get(
    "/security-settings",
    {
      access: "org:manage",
      schema: {
        operationId: "getSecuritySettings",
        tags,
        summary: "The organisation's sign-in rules",
        response: { 200: ZSecuritySettings },
      },
    },
    async (_request, _reply, actor) => getSecuritySettings(deps.db, actor.orgId),
  );
  route.put(
    "/security-settings",
    {
      access: "org:manage",
      schema: {
        operationId: "updateSecuritySettings",
        tags,
        summary: "Require two-factor sign-in of every member, or stop requiring it",
        body: z.strictObject({ requireTwoFactor: z.boolean() }),
        response: { 200: ZSecuritySettings },
      },
      problems: [409],
    },
    async (request, _reply, actor) => updateSecuritySettings(deps.db, actor, request.body),
  );

  route.get(
    "/organizations/:id/sso",
    {
      access: "org:manage",
      schema: {
        operationId: "getSsoSettings",
        tags,
        summary: "The organisation's single sign-on (OpenID Connect); the client secret is never returned",
        params: ZIdParams,
        response: { 200: ZSsoSettings },
      },
    },
    async (request, _reply, actor) =>
      getSsoSettings(deps.db, actor, request.params.id, deps.config.publicUrl),
  );
  route.put(
    "/organizations/:id/sso",
    {
      access: "org:manage",
      schema: {
        operationId: "saveSsoSettings",
        tags,
        summary: "Set up or change single sign-on through the organisation's OpenID Connect provider",
        params: ZIdParams,
        body: ZSsoInput,
        response: { 200: ZSsoSettings },
      },
    },
    async (request, _reply, actor) =>
      saveSsoSettings(deps.db, actor, request.params.id, request.body, {
        secret: deps.secret,
        publicUrl: deps.config.publicUrl,
      }),
  );
  route.delete(
    "/organizations/:id/sso",
    {
      access: "org:manage",
      schema: {
        operationId: "deleteSsoSettings",
        tags,
        summary: "Stop single sign-on and forget its settings",
        params: ZIdParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply, actor) => {
      await deleteSsoSettings(deps.db, actor, request.params.id);
      return reply.status(204).send(null);
    },
  );

  route.get(
    "/me/sessions",
    {
      access: "signedIn",
      schema: {
        operationId: "listMySessions",
        tags,
        summary: "Where you are signed in: your active sessions",
        response: { 200: z.array(ZSession) },
      },
    },
    async (_request, _reply, me) => findMySessions(deps.db, me.userId, me.sessionId),
  );
  route.delete(
    "/me/sessions/:id",
    {
      access: "signedIn",
      schema: {
        operationId: "endMySession",
        tags,
        summary: "End one of your sessions (signs that browser out)",
        params: ZIdParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply, me) => {
      await endMySession(deps.db, me.userId, request.params.id);
      return reply.status(204).send(null);
    },
  );
  route.post(
    "/me/sessions/end-others",
    {
      access: "signedIn",
      schema: {
        operationId: "endMyOtherSessions",
        tags,
        summary: "End all your sessions except this one",
        response: { 200: ZEnded },
      },
    },
    async (_request, _reply, me) => endMyOtherSessions(deps.db, me.userId, me.sessionId),
  );
  route.delete(
    "/members/:id/sessions",
    {
      access: "org:manage",
      schema: {
        operationId: "endMemberSessions",
        tags,
        summary: "Sign a member out everywhere (ends all their sessions)",
        params: ZIdParams,
        response: { 200: ZEnded },
      },
    },
    async (request, _reply, actor) => endMemberSessions(deps.db, actor.orgId, request.params.id),
  );
}
