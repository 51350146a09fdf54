import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { ZEmail, ZOffsetInstant } from "../../http/strict-input.ts";
import { apiRoutes } from "../../http/route.ts";
import { type Api, ZIdParams } from "../../http/types.ts";
import { requestLanguage } from "../../http/problem-language.ts";
import { ZRefMatches } from "../catalog/ref-matches-schema.ts";
import { bulkSend } from "./bulk-send.ts";
import { ZContactInput, ZContactLocale } from "./contact-input.ts";
import { INVITATION_STATES } from "./decide-invitation.ts";
import { BULK_COLUMNS, csvRows, XLSX_TYPE, xlsxRows } from "./read-bulk-file.ts";
import { scheduleInvitation, type TScheduleResult } from "./schedule-invitation.ts";
import { ZTags } from "./tags.ts";

const ZServiceEvent = z.object({
  surveyId: z.uuid(),
  contact: ZContactInput,
  occurredAt: ZOffsetInstant,
  tags: ZTags.optional(),
  locale: ZContactLocale.optional(),
});

const ZSend = z.object({
  email: ZEmail,
  name: z.string().trim().min(1).max(200).optional(),
  locale: ZContactLocale.optional(),
  tags: ZTags.optional(),
  occurredAt: ZOffsetInstant.optional(),
});

const ZScheduleResult = z.object({
  invitationId: z.string(),
  state: z.enum(INVITATION_STATES),
  sendAt: z.date().optional(),
  reason: z.string().optional(),
});

const ZBulkReport = z.object({
  dryRun: z.boolean(),
  bulkId: z.string().nullable(),
  rows: z.number().int(),
  scheduled: z.number().int(),
  skipped: z.number().int(),
  byReason: z.record(z.string(), z.number().int()),
  bySendDay: z.record(z.string(), z.number().int()),
  lines: z.array(
    z.object({
      line: z.number().int(),
      state: z.enum(["scheduled", "skipped"]),
      sendAt: z.date().nullable(),
      reason: z.string().nullable(),
      detail: z.string().nullable(),
      invitationId: z.string().nullable(),
    }),
  ),
  matches: ZRefMatches,
});

/** 202 body: scheduled with its send time, or skipped with its reason (a replay shows the state it has now). */
function resultBody(r: TScheduleResult): z.input<typeof ZScheduleResult> {
  return {
    invitationId: r.invitationId,
    state: r.state as (typeof INVITATION_STATES)[number],
    ...(r.sendAt && r.state !== "skipped" ? { sendAt: r.sendAt } : {}),
    ...(r.reason ? { reason: r.reason } : {}),
  };
}

const FILE_LIMIT = 50 * 1024 * 1024;

/** The three triggers: service events (integrations), one person (admin app), a file (mass mailing). */
export function registerSendRoutes(app: Api, deps: AppDeps): void {
  const route = apiRoutes(app, deps);
  const tags = ["sending"] as const;
  // text/csv is parsed (as a string) for the whole /api/v1 scope by the answers import route.
  app.addContentTypeParser(XLSX_TYPE, { parseAs: "buffer", bodyLimit: FILE_LIMIT }, (_req, body, done) =>
    done(null, body),
  );
  route.post(
    "/service-events",
    {
      access: "events:write",
      schema: {
        operationId: "createServiceEvent",
        tags,
        summary: "A service contact happened: schedules the survey invitation (or says why it is skipped)",
        headers: z.object({ "idempotency-key": z.string().min(1).max(200).optional() }),
        body: ZServiceEvent,
        response: { 202: ZScheduleResult },
      },
    },
    async (request, reply, actor) => {
      const b = request.body;
      const result = await scheduleInvitation(deps.db, {
        orgId: actor.orgId,
        surveyId: b.surveyId,
        contact: b.contact,
        occurredAt: b.occurredAt,
        tags: b.tags,
        locale: b.locale,
        source: "api",
        idempotencyKey: request.headers["idempotency-key"],
        now: new Date(),
      });
      return reply.status(202).send(resultBody(result));
    },
  );
  route.post(
    "/surveys/:id/sends",
    {
      access: "surveys:write",
      schema: {
        operationId: "sendSurvey",
        tags,
        summary: "Invites one person (the contact rules apply as to any other invitation)",
        params: ZIdParams,
        body: ZSend,
        response: { 202: ZScheduleResult },
      },
    },
    async (request, reply, actor) => {
      const { email, name, locale, tags: t, occurredAt } = request.body;
      const now = new Date();
      const result = await scheduleInvitation(deps.db, {
        orgId: actor.orgId,
        surveyId: request.params.id,
        contact: { email, name, locale },
        occurredAt: occurredAt ?? now,
        tags: t,
        locale,
        source: "manual",
        now,
        fields: { survey: "params.id", tags: "body.tags", occurredAt: "body.occurredAt" },
      });
      return reply.status(202).send(resultBody(result));
    },
  );
  route.post(
    "/surveys/:id/bulk-sends",
    {
      bodyLimit: FILE_LIMIT,
      access: "surveys:write",
      schema: {
        operationId: "createBulkSend",
        tags,
        summary: `A mass mailing from a CSV (text/csv) or XLSX file; columns: ${BULK_COLUMNS.join(", ")}. dryRun=true (the default) only reports, row by row`,
        params: ZIdParams,
        querystring: z.object({ dryRun: z.stringbool().default(true) }),
        consumes: ["text/csv", XLSX_TYPE],
        body: z.union([
          z.string().min(1, "send the file as the request body (text/csv or XLSX)"),
          z
            .custom<Buffer>(
              (v) => Buffer.isBuffer(v) && v.length > 0,
              "send the XLSX file as the request body",
            )
            .meta({ type: "string", format: "binary" }),
        ]),
        response: { 200: ZBulkReport },
      },
    },
    async (request, _reply, actor) => {
      const file = request.body;
      return bulkSend(deps.db, {
        orgId: actor.orgId,
        surveyId: request.params.id,
        rows: () => (typeof file === "string" ? csvRows(file) : xlsxRows(file)),
        dryRun: request.query.dryRun,
        now: new Date(),
        locale: requestLanguage(request.headers["accept-language"]) ?? "en",
      });
    },
  );
}
