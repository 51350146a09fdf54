import { z } from "zod";
import { refinement } from "../../http/problem-language.ts";
import type { AppDeps } from "../../context.ts";
import { apiRoutes } from "../../http/route.ts";
import { type Api, ZIdParams } from "../../http/types.ts";
import { ZContactInput } from "./contact-input.ts";
import { contactHistory } from "./contact-history.ts";
import { eraseContact } from "./erase-contact.ts";
import { findContacts, getContact } from "./find-contacts.ts";
import { optOutContact } from "./opt-out-contact.ts";
import { updateContact } from "./update-contact.ts";
import { upsertContact } from "./upsert-contact.ts";
import { auditContact } from "./audit.ts";

export const ZContact = z.object({
  id: z.string(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  locale: z.string().nullable(),
  externalId: z.string().nullable(),
  optedOutAt: z.date().nullable(),
  emailInvalidAt: z.date().nullable(),
  emailInvalidReason: z.string().nullable(),
  lastSurveyedAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

const ZUpsert = ZContactInput.refine((c) => Boolean(c.email || c.externalId), {
  ...refinement("problem.field.emailOrExternalId"),
  path: ["email"],
});

/** People who may be surveyed: list, upsert, change, opt out (for good), erase. */
export function registerContactRoutes(app: Api, deps: AppDeps): void {
  const route = apiRoutes(app, deps);
  const tags = ["contacts"] as const;
  const one = { 200: ZContact };
  route.get(
    "/contacts",
    {
      access: "contacts:read",
      schema: {
        operationId: "listContacts",
        tags,
        summary: "Contacts, newest first; q searches e-mail, name and external id",
        querystring: z.object({
          q: z.string().trim().min(1).max(200).optional(),
          email: z.string().trim().max(254).optional(),
          externalId: z.string().trim().max(200).optional(),
          cursor: z.string().max(300).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.object({ items: z.array(ZContact), nextCursor: z.string().nullable() }),
        },
      },
    },
    async (request, _reply, actor) => {
      return findContacts(deps.db, actor.orgId, request.query);
    },
  );
  route.post(
    "/contacts",
    {
      access: "contacts:write",
      schema: {
        operationId: "upsertContact",
        tags,
        summary: "Creates a contact, or updates the one with this external id (else this e-mail)",
        body: ZUpsert,
        response: { ...one, 201: ZContact },
      },
    },
    async (request, reply, actor) => {
      const { contact, created } = await upsertContact(deps.db, actor.orgId, request.body);
      return reply.status(created ? 201 : 200).send(contact);
    },
  );
  route.get(
    "/contacts/:id",
    {
      access: "contacts:read",
      schema: { operationId: "getContact", summary: "One contact", tags, params: ZIdParams, response: one },
    },
    async (request, _reply, actor) => {
      const found = await getContact(deps.db, actor.orgId, request.params.id);
      await auditContact(deps.db, actor, "contact.view", found.id);
      return found;
    },
  );
  route.get(
    "/contacts/:id/history",
    {
      access: "contacts:read",
      schema: {
        operationId: "getContactHistory",
        summary:
          "The person's invitations (newest first, up to 200), each with its answer's scores; the comment only for those who read answers",
        tags,
        params: ZIdParams,
        response: {
          200: z.object({
            contact: ZContact,
            invitations: z.array(
              z.object({
                id: z.string(),
                surveyId: z.string(),
                surveyName: z.string(),
                state: z.string(),
                reason: z.string().nullable(),
                locale: z.string(),
                sentAt: z.date().nullable(),
                answeredAt: z.date().nullable(),
                createdAt: z.date(),
                answer: z
                  .object({
                    id: z.string(),
                    score: z.number().int(),
                    satisfaction: z.number().int().nullable(),
                    comment: z.string().nullable(),
                  })
                  .nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request, _reply, actor) => {
      return contactHistory(deps.db, actor, request.params.id);
    },
  );
  route.patch(
    "/contacts/:id",
    {
      access: "contacts:write",
      schema: {
        operationId: "updateContact",
        tags,
        summary: "Changes a contact's details",
        params: ZIdParams,
        body: ZContactInput,
        response: one,
      },
    },
    async (request, _reply, actor) => {
      return updateContact(deps.db, actor.orgId, request.params.id, request.body);
    },
  );
  route.post(
    "/contacts/:id/opt-out",
    {
      access: "contacts:write",
      schema: {
        operationId: "optOutContact",
        tags,
        summary: "Opts the person out of all surveys, for good; waiting invitations are skipped",
        params: ZIdParams,
        response: one,
      },
    },
    async (request, _reply, actor) => {
      return optOutContact(deps.db, actor, request.params.id);
    },
  );
  route.delete(
    "/contacts/:id",
    {
      access: "contacts:write",
      schema: {
        operationId: "eraseContact",
        tags,
        summary: "Erases the person's data; invitations keep no link to them, answers stay pseudonymised",
        params: ZIdParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply, actor) => {
      await eraseContact(deps.db, actor, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
