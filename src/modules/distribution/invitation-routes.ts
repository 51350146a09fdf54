import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { ZInstantQuery } from "../../http/strict-input.ts";
import { apiRoutes } from "../../http/route.ts";
import { type Api, ZIdParams } from "../../http/types.ts";
import { INVITATION_STATES } from "./decide-invitation.ts";
import { findInvitations, getInvitation } from "./find-invitations.ts";
import { summarizeInvitations } from "./summarize-invitations.ts";

const ZInvitation = z.object({
  id: z.string(),
  surveyId: z.string(),
  state: z.string(),
  reason: z.string().nullable(),
  locale: z.string(),
  serviceId: z.string().nullable(),
  departmentId: z.string().nullable(),
  employeeId: z.string().nullable(),
  channelId: z.string().nullable(),
  audience: z.string().nullable(),
  contactId: z.string().nullable(),
  contactEmail: z.string().nullable(),
  contactName: z.string().nullable(),
  occurredAt: z.date().nullable(),
  scheduledAt: z.date().nullable(),
  sentAt: z.date().nullable(),
  answeredAt: z.date().nullable(),
  expiresAt: z.date().nullable(),
  createdAt: z.date(),
  source: z.string().nullable(),
  bulkId: z.string().nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
});

const ZPeriod = {
  surveyId: z.uuid().optional(),
  bulkId: z.uuid().optional(),
  from: ZInstantQuery.optional(),
  to: ZInstantQuery.optional(),
};

/** What happened to survey invitations: counts per state and reason, and who could not be reached and why. */
export function registerInvitationRoutes(app: Api, deps: AppDeps): void {
  const route = apiRoutes(app, deps);
  const tags = ["survey invitations"] as const;
  route.get(
    "/survey-invitations/summary",
    {
      access: "surveys:read",
      schema: {
        operationId: "summarizeSurveyInvitations",
        tags,
        summary:
          "Invitations per state, and per reason for those not sent (period: the service contact's time)",
        querystring: z.object(ZPeriod),
        response: {
          200: z.object({
            total: z.number().int(),
            byState: z.record(z.string(), z.number().int()),
            reasons: z.array(z.object({ state: z.string(), reason: z.string(), count: z.number().int() })),
          }),
        },
      },
    },
    async (request, _reply, actor) => {
      return summarizeInvitations(deps.db, actor, request.query);
    },
  );
  route.get(
    "/survey-invitations",
    {
      access: "surveys:read",
      schema: {
        operationId: "listSurveyInvitations",
        tags,
        summary:
          "Survey invitations, newest first (contact e-mail and name for roles that may read contacts)",
        querystring: z.object({
          ...ZPeriod,
          state: z.enum(INVITATION_STATES).optional(),
          reason: z.string().max(100).optional(),
          cursor: z.string().max(300).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.object({ items: z.array(ZInvitation), nextCursor: z.string().nullable() }),
        },
      },
    },
    async (request, _reply, actor) => {
      return findInvitations(deps.db, actor, request.query);
    },
  );
  route.get(
    "/survey-invitations/:id",
    {
      access: "surveys:read",
      schema: {
        operationId: "getSurveyInvitation",
        summary: "One survey invitation and what became of it",
        tags,
        params: ZIdParams,
        response: { 200: ZInvitation },
      },
    },
    async (request, _reply, actor) => {
      return getInvitation(deps.db, actor, request.params.id);
    },
  );
}
