import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { ZEmail, ZOffsetInstant } from "../../http/strict-input.ts";
import { apiRoutes } from "../../http/route.ts";
import { streamUploads, withUpload, XLSX_TYPE, ZUploadBody } from "../../http/tabular-file.ts";
import { type Api, ZIdParams } from "../../http/types.ts";
import { requestLanguage } from "../../http/problem-language.ts";
import { ZRefMatches } from "../catalog/ref-matches-schema.ts";
import { bulkSend, MAX_LISTED } from "./bulk-send.ts";
import { ZContactInput, ZContactLocale } from "./contact-input.ts";
import { INVITATION_STATES } from "./decide-invitation.ts";
import { BULK_COLUMNS, bulkRows, MAX_BULK_ROWS } from "./read-bulk-file.ts";
import { scheduleInvitation, type TScheduleResult } from "./schedule-invitation.ts";
import { scheduleServiceEvent } from "./service-event.ts";
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
  skippedRows: z
    .array(z.object({ line: z.number().int(), reason: z.string(), detail: z.string().nullable() }))
    .describe(`The rows not scheduled, in file order: the first ${MAX_LISTED} (skipped counts them all)`),
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
  // The file arrives as a stream, in a scope of its own (elsewhere CSV bodies are parsed to text).
  app.register(async (scope) => {
    streamUploads(scope);
    registerBulkSendRoute(scope.withTypeProvider<ZodTypeProvider>(), deps);
  });
  route.post(
    "/service-events",
    {
      access: "events:write",
      keyCheckedByHandler: true,
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
      const result = await scheduleServiceEvent(deps.db, {
        apiKeyId: actor.kind === "apiKey" ? actor.keyId : null,
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
}

/** A mass mailing from a file, streamed: counts and the skipped rows come back, not an echo of every row. */
function registerBulkSendRoute(app: Api, deps: AppDeps): void {
  const route = apiRoutes(app, deps);
  const tags = ["sending"] as const;
  route.post(
    "/surveys/:id/bulk-sends",
    {
      access: "surveys:write",
      schema: {
        operationId: "createBulkSend",
        tags,
        summary: `A mass mailing from a CSV (text/csv) or XLSX file; columns: ${BULK_COLUMNS.join(", ")}. at most ${MAX_BULK_ROWS} rows. dryRun=true (the default) only reports: counts per reason and send day, and the rows that would be skipped`,
        params: ZIdParams,
        querystring: z.object({ dryRun: z.stringbool().default(true) }),
        consumes: ["text/csv", XLSX_TYPE],
        body: ZUploadBody,
        response: { 200: ZBulkReport },
      },
    },
    async (request, _reply, actor) => {
      const limits = { maxBytes: FILE_LIMIT, maxXlsxBytes: FILE_LIMIT };
      return withUpload(request.body, request.headers["content-type"], limits, (upload) =>
        bulkSend(deps.db, {
          orgId: actor.orgId,
          surveyId: request.params.id,
          rows: () => bulkRows(upload),
          dryRun: request.query.dryRun,
          now: new Date(),
          locale: requestLanguage(request.headers["accept-language"]) ?? "en",
        }),
      );
    },
  );
}
