import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { requireAccess } from "../../auth/access.ts";
import { API_KEY_SCOPES, ROLES } from "../../auth/permissions.ts";
import { requireSignedIn } from "../../auth/signed-in.ts";
import type { AppDeps } from "../../context.ts";
import { member, organization, session } from "../../db/schema.ts";
import { AppError } from "../../http/errors.ts";
import { type Api, problemResponses, ZIdParams } from "../../http/types.ts";
import { createApiKey, findApiKeys, revokeApiKey } from "./api-keys.ts";
import { acceptInvitation, cancelInvitation, findInvitations, inviteUser } from "./invitations.ts";
import { findMembers, removeMember, updateMemberRole } from "./members.ts";

const ZRole = z.enum(ROLES);
const ZMember = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.string(),
  createdAt: z.date(),
});
const ZInvitation = z.object({
  id: z.string(),
  email: z.string(),
  role: z.string().nullable(),
  status: z.string(),
  expiresAt: z.date(),
  createdAt: z.date(),
});
const ZApiKey = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  expiresAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});
const ZMe = z.object({
  user: z.object({ id: z.string(), name: z.string(), email: z.string(), locale: z.string().nullable() }),
  organizations: z.array(z.object({ id: z.string(), name: z.string(), slug: z.string(), role: z.string() })),
  activeOrganizationId: z.string().nullable(),
});

/** Sessions, the signed-in user, members, invitations and API keys. */
export function registerAccountRoutes(app: Api, deps: AppDeps): void {
  const tags = ["accounts"];
  app.get(
    "/csrf",
    {
      schema: {
        tags,
        summary: "A CSRF token for cookie-authenticated changes",
        response: { 200: z.object({ token: z.string() }) },
      },
    },
    async (_req, reply) => ({
      token: reply.generateCsrf(),
    }),
  );

  app.get(
    "/me",
    {
      schema: {
        tags,
        summary: "The signed-in user and their organisations",
        response: { 200: ZMe, ...problemResponses },
      },
    },
    async (request, reply) => {
      const me = await requireSignedIn(deps, request, reply);
      const orgs = await deps.db
        .select({ id: organization.id, name: organization.name, slug: organization.slug, role: member.role })
        .from(member)
        .innerJoin(organization, eq(organization.id, member.organizationId))
        .where(eq(member.userId, me.userId))
        .orderBy(asc(member.createdAt));
      const active = orgs.find((o) => o.id === me.activeOrganizationId)?.id ?? orgs[0]?.id ?? null;
      return {
        user: { id: me.userId, name: me.name, email: me.email, locale: me.locale },
        organizations: orgs,
        activeOrganizationId: active,
      };
    },
  );

  app.post(
    "/me/active-organization",
    {
      schema: {
        tags,
        summary: "Switch the active organisation",
        body: z.object({ organizationId: z.uuid() }),
        response: { 200: z.object({ activeOrganizationId: z.string() }), ...problemResponses },
      },
    },
    async (request, reply) => {
      const me = await requireSignedIn(deps, request, reply);
      const [m] = await deps.db
        .select({ id: member.id })
        .from(member)
        .where(and(eq(member.userId, me.userId), eq(member.organizationId, request.body.organizationId)));
      if (!m) throw new AppError("NOT_FOUND", { detail: "You are not a member of that organisation." });
      await deps.db
        .update(session)
        .set({ activeOrganizationId: request.body.organizationId })
        .where(eq(session.id, me.sessionId));
      return { activeOrganizationId: request.body.organizationId };
    },
  );

  app.get(
    "/members",
    { schema: { tags, response: { 200: z.array(ZMember), ...problemResponses } } },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "members:read");
      return findMembers(deps.db, actor.orgId);
    },
  );
  app.patch(
    "/members/:id",
    {
      schema: {
        tags,
        params: ZIdParams,
        body: z.object({ role: ZRole }),
        response: { 200: ZMember, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "members:manage");
      return updateMemberRole(deps.db, actor, request.params.id, request.body.role);
    },
  );
  app.delete(
    "/members/:id",
    { schema: { tags, params: ZIdParams, response: { 204: z.null(), ...problemResponses } } },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "members:manage");
      await removeMember(deps.db, actor, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/invitations",
    { schema: { tags, response: { 200: z.array(ZInvitation), ...problemResponses } } },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "members:read");
      return findInvitations(deps, actor.orgId);
    },
  );
  app.post(
    "/invitations",
    {
      schema: {
        tags,
        summary: "Invite a person by e-mail",
        body: z.object({ email: z.email(), role: ZRole }),
        response: { 201: ZInvitation, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "members:manage");
      if (actor.kind !== "user")
        throw new AppError("FORBIDDEN", { detail: "Invitations are sent by a signed-in user." });
      return reply.status(201).send(await inviteUser(deps, actor, request.body));
    },
  );
  app.delete(
    "/invitations/:id",
    { schema: { tags, params: ZIdParams, response: { 200: ZInvitation, ...problemResponses } } },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "members:manage");
      return cancelInvitation(deps, actor.orgId, request.params.id);
    },
  );
  app.post(
    "/invitations/:id/accept",
    {
      schema: {
        tags,
        summary: "Accept an invitation addressed to you",
        params: ZIdParams,
        response: { 200: z.object({ organizationId: z.string(), role: z.string() }), ...problemResponses },
      },
    },
    async (request, reply) =>
      acceptInvitation(deps, await requireSignedIn(deps, request, reply), request.params.id),
  );

  app.get(
    "/api-keys",
    { schema: { tags, response: { 200: z.array(ZApiKey), ...problemResponses } } },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "apiKeys:manage");
      return findApiKeys(deps.db, actor.orgId);
    },
  );
  app.post(
    "/api-keys",
    {
      schema: {
        tags,
        summary: "Create an API key (the key is returned once)",
        body: z.object({
          name: z.string().trim().min(1).max(100),
          scopes: z.array(z.enum(API_KEY_SCOPES)).min(1),
          expiresAt: z.coerce
            .date()
            .refine((d) => d > new Date(), "must be in the future")
            .optional(),
        }),
        response: { 201: ZApiKey.extend({ key: z.string() }), ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "apiKeys:manage");
      const created = await createApiKey(deps.db, {
        orgId: actor.orgId,
        ...request.body,
        createdBy: actor.kind === "user" ? actor.userId : null,
      });
      return reply.status(201).send(created);
    },
  );
  app.delete(
    "/api-keys/:id",
    { schema: { tags, params: ZIdParams, response: { 200: ZApiKey, ...problemResponses } } },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "apiKeys:manage");
      return revokeApiKey(deps.db, actor.orgId, request.params.id);
    },
  );
}
