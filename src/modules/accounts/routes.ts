import { z } from "zod";
import { API_KEY_SCOPES, ROLES } from "../../auth/permissions.ts";
import type { AppDeps } from "../../context.ts";
import { AppError } from "../../http/errors.ts";
import { apiRoutes } from "../../http/route.ts";
import { type Api, ZIdParams } from "../../http/types.ts";
import { createApiKey, findApiKeys, revokeApiKey } from "./api-keys.ts";
import { acceptInvitation, cancelInvitation, findInvitations, inviteUser } from "./invitations.ts";
import { getMe, setActiveOrganization } from "./me.ts";
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
const ZMemberListed = ZMember.extend({
  employeeId: z.string().nullable().describe("the catalogue employee this user is, if linked"),
  employeeName: z.string().nullable(),
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
  user: z.object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    locale: z.string().nullable(),
    twoFactorEnabled: z.boolean(),
  }),
  organizations: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      slug: z.string(),
      role: z.string(),
      /** The organisation refuses members without two-factor sign-in. */
      requiresTwoFactor: z.boolean(),
    }),
  ),
  activeOrganizationId: z.string().nullable(),
});

/** Sessions, the signed-in user, members, invitations and API keys. */
export function registerAccountRoutes(app: Api, deps: AppDeps): void {
  const route = apiRoutes(app, deps);
  const tags = ["accounts"] as const;
  route.get(
    "/csrf",
    {
      access: "public",
      schema: {
        operationId: "getCsrfToken",
        tags,
        summary: "A CSRF token for cookie-authenticated changes",
        response: { 200: z.object({ token: z.string() }) },
      },
    },
    async (_req, reply) => ({
      token: reply.generateCsrf(),
    }),
  );

  route.get(
    "/me",
    {
      access: "signedIn",
      schema: {
        operationId: "getMe",
        tags,
        summary: "The signed-in user and their organisations",
        response: { 200: ZMe },
      },
    },
    async (_request, _reply, me) => getMe(deps.db, me),
  );

  route.post(
    "/me/active-organization",
    {
      access: "signedIn",
      schema: {
        operationId: "setActiveOrganization",
        tags,
        summary: "Switch the active organisation",
        body: z.object({ organizationId: z.uuid() }),
        response: { 200: z.object({ activeOrganizationId: z.string() }) },
      },
    },
    async (request, _reply, me) => setActiveOrganization(deps.db, me, request.body.organizationId),
  );

  route.get(
    "/members",
    {
      access: "members:read",
      schema: {
        operationId: "listMembers",
        summary: "The organisation's members and their roles",
        tags,
        response: { 200: z.array(ZMemberListed) },
      },
    },
    async (_request, _reply, actor) => {
      return findMembers(deps.db, actor.orgId);
    },
  );
  route.patch(
    "/members/:id",
    {
      access: "members:manage",
      schema: {
        operationId: "updateMemberRole",
        summary: "Change a member's role",
        tags,
        params: ZIdParams,
        body: z.object({ role: ZRole }),
        response: { 200: ZMember },
      },
    },
    async (request, _reply, actor) => {
      return updateMemberRole(deps.db, actor, request.params.id, request.body.role);
    },
  );
  route.delete(
    "/members/:id",
    {
      access: "members:manage",
      schema: {
        operationId: "removeMember",
        summary: "Remove a member from the organisation",
        tags,
        params: ZIdParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply, actor) => {
      await removeMember(deps.db, actor, request.params.id);
      return reply.status(204).send(null);
    },
  );

  route.get(
    "/invitations",
    {
      access: "members:read",
      schema: {
        operationId: "listInvitations",
        summary: "Invitations to join the organisation",
        tags,
        response: { 200: z.array(ZInvitation) },
      },
    },
    async (_request, _reply, actor) => {
      return findInvitations(deps, actor.orgId);
    },
  );
  route.post(
    "/invitations",
    {
      access: "members:manage",
      schema: {
        operationId: "createInvitation",
        tags,
        summary: "Invite a person by e-mail",
        body: z.object({ email: z.email(), role: ZRole }),
        response: { 201: ZInvitation },
      },
    },
    async (request, reply, actor) => {
      if (actor.kind !== "user")
        throw new AppError("FORBIDDEN", { message: { key: "problem.invitation.byUser" } });
      return reply.status(201).send(await inviteUser(deps, actor, request.body));
    },
  );
  route.delete(
    "/invitations/:id",
    {
      access: "members:manage",
      schema: {
        operationId: "cancelInvitation",
        summary: "Cancel a pending invitation",
        tags,
        params: ZIdParams,
        response: { 200: ZInvitation },
      },
    },
    async (request, _reply, actor) => {
      return cancelInvitation(deps, actor, request.params.id);
    },
  );
  route.post(
    "/invitations/:id/accept",
    {
      access: "signedIn",
      schema: {
        operationId: "acceptInvitation",
        tags,
        summary: "Accept an invitation addressed to you",
        params: ZIdParams,
        response: { 200: z.object({ organizationId: z.string(), role: z.string() }) },
      },
    },
    async (request, _reply, me) => acceptInvitation(deps, me, request.params.id),
  );

  route.get(
    "/api-keys",
    {
      access: "apiKeys:manage",
      schema: {
        operationId: "listApiKeys",
        summary: "The organisation's API keys (never the keys themselves)",
        tags,
        response: { 200: z.array(ZApiKey) },
      },
    },
    async (_request, _reply, actor) => {
      return findApiKeys(deps.db, actor.orgId);
    },
  );
  route.post(
    "/api-keys",
    {
      access: "apiKeys:manage",
      schema: {
        operationId: "createApiKey",
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
        response: { 201: ZApiKey.extend({ key: z.string() }) },
      },
    },
    async (request, reply, actor) => {
      const created = await createApiKey(deps.db, {
        orgId: actor.orgId,
        ...request.body,
        createdBy: actor,
      });
      return reply.status(201).send(created);
    },
  );
  route.delete(
    "/api-keys/:id",
    {
      access: "apiKeys:manage",
      schema: {
        operationId: "revokeApiKey",
        summary: "Revoke an API key (it stops working at once)",
        tags,
        params: ZIdParams,
        response: { 200: ZApiKey },
      },
    },
    async (request, _reply, actor) => {
      return revokeApiKey(deps.db, actor, request.params.id);
    },
  );
}
