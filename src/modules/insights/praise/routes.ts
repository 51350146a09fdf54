import { z } from "zod";
import { requireAccess } from "../../../auth/access.ts";
import type { AppDeps } from "../../../context.ts";
import { ZCalendarMonth } from "../../../http/strict-input.ts";
import { type Api, problemResponses } from "../../../http/types.ts";
import { UI_LOCALES } from "../../../i18n/locales.ts";
import { approvePraise, removePraise } from "./change-praise.ts";
import { EMPLOYEE_OF_THE_MONTH_MIN_ANSWERS, employeeOfTheMonth } from "./employee-of-the-month.ts";
import { findPraise } from "./find-praise.ts";
import { markPraise } from "./mark-praise.ts";
import { disablePraiseWall, enablePraiseWall, praiseWallStatus } from "./praise-wall.ts";
import { getPublicWidget, setPublicWidget } from "./public-widget.ts";

const ZResponseParams = z.object({ responseId: z.uuid({ message: "must be a UUID" }) });

const ZMarkPraise = z
  .object({
    target: z.enum(["employee", "service"]),
    employeeId: z.uuid().optional().describe("Defaults to the employee the answer is tagged with"),
    serviceId: z.uuid().optional().describe("Defaults to the service the answer is tagged with"),
    text: z
      .string()
      .trim()
      .min(1)
      .max(2000)
      .describe("The comment as it may be shown, with anything identifying the respondent removed"),
  })
  .superRefine((b, ctx) => {
    const other = b.target === "employee" ? "serviceId" : "employeeId";
    if (b[other] !== undefined)
      ctx.addIssue({ code: "custom", path: [other], message: `not allowed with target ${b.target}` });
  });

const ZPraise = z.object({
  responseId: z.string(),
  target: z.enum(["employee", "service"]),
  employeeId: z.string().nullable(),
  serviceId: z.string().nullable(),
  text: z.string(),
  approved: z.boolean(),
  approvedAt: z.date().nullable(),
  markedBy: z.string().nullable(),
  createdAt: z.date(),
});

const ZPublicWidget = z.object({
  enabled: z.boolean(),
  snippet: z.string().describe("HTML to paste into the organisation's website"),
});

/** Marking comments as praise, approving it, and the praise wall and public widget switches. */
export function registerPraiseRoutes(app: Api, deps: AppDeps): void {
  const tags = ["praise"];
  const one = { params: ZResponseParams, response: { 200: ZPraise, ...problemResponses } };
  app.post(
    "/comments/:responseId/praise",
    {
      schema: {
        tags,
        summary: "Mark an answer's comment as praise of an employee or a service (needs approval again)",
        ...one,
        body: ZMarkPraise,
      },
    },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "praise:manage");
      return markPraise(deps.db, actor, request.params.responseId, request.body);
    },
  );
  app.post(
    "/comments/:responseId/praise/approve",
    { schema: { tags, summary: "Approve praise for the wall and the public widget", ...one } },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "praise:publish");
      return approvePraise(deps.db, actor, request.params.responseId);
    },
  );
  app.delete(
    "/comments/:responseId/praise",
    { schema: { tags, params: ZResponseParams, response: { 204: z.null(), ...problemResponses } } },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "praise:manage");
      await removePraise(deps.db, actor, request.params.responseId);
      return reply.status(204).send(null);
    },
  );
  app.get(
    "/praise",
    {
      schema: {
        tags,
        summary: "Praise marks on answers the caller may see, newest first",
        querystring: z.object({
          approved: z.stringbool().optional(),
          employeeId: z.uuid().optional(),
          serviceId: z.uuid().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: {
          200: z.array(ZPraise.extend({ score: z.number().int(), receivedAt: z.date() })),
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "responses:read");
      return findPraise(deps.db, actor, request.query);
    },
  );
  registerPublishingRoutes(app, deps);
  registerEmployeeOfTheMonth(app, deps);
}

const ZEmployeeOfTheMonth = z.object({
  month: z.string(),
  minAnswers: z.number().int(),
  employees: z.array(
    z.object({
      rank: z.number().int(),
      employeeId: z.string(),
      name: z.string(),
      nps: z.number(),
      npsInterval: z.object({ low: z.number(), high: z.number() }).nullable(),
      answers: z.number().int(),
      lowReliability: z.boolean(),
      praise: z.array(z.object({ text: z.string(), approvedAt: z.date() })),
    }),
  ),
});

function registerEmployeeOfTheMonth(app: Api, deps: AppDeps): void {
  app.get(
    "/reports/employee-of-the-month",
    {
      schema: {
        tags: ["reports"],
        summary: `Employees ranked by the month's NPS among those with at least max(minimum sample, ${EMPLOYEE_OF_THE_MONTH_MIN_ANSWERS}) answers (ties: more answers first), with their approved praise`,
        querystring: z.object({
          month: ZCalendarMonth,
          locale: z.enum(UI_LOCALES).default("et"),
        }),
        response: { 200: ZEmployeeOfTheMonth, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "reports:read");
      return employeeOfTheMonth(deps.db, actor, request.query);
    },
  );
}

function registerPublishingRoutes(app: Api, deps: AppDeps): void {
  const tags = ["praise"];
  app.post(
    "/praise-wall",
    {
      schema: {
        tags,
        summary:
          "Turn the praise wall on with a new unguessable link (shown once; earlier links stop working)",
        response: { 201: z.object({ enabled: z.literal(true), url: z.string() }), ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "praise:publish");
      return reply.status(201).send(await enablePraiseWall(deps.db, actor.orgId, deps.config.publicUrl));
    },
  );
  app.get(
    "/praise-wall",
    { schema: { tags, response: { 200: z.object({ enabled: z.boolean() }), ...problemResponses } } },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "praise:publish");
      return praiseWallStatus(deps.db, actor.orgId);
    },
  );
  app.delete(
    "/praise-wall",
    {
      schema: { tags, summary: "Turn the praise wall off", response: { 204: z.null(), ...problemResponses } },
    },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "praise:publish");
      await disablePraiseWall(deps.db, actor.orgId);
      return reply.status(204).send(null);
    },
  );
  app.get(
    "/public-widget",
    { schema: { tags, response: { 200: ZPublicWidget, ...problemResponses } } },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "praise:publish");
      return getPublicWidget(deps.db, actor.orgId, deps.config.publicUrl);
    },
  );
  app.put(
    "/public-widget",
    {
      schema: {
        tags,
        summary: "Allow or stop the public NPS-and-praise widget for the organisation's website",
        body: z.object({ enabled: z.boolean() }),
        response: { 200: ZPublicWidget, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "praise:publish");
      await setPublicWidget(deps.db, actor.orgId, request.body.enabled);
      return getPublicWidget(deps.db, actor.orgId, deps.config.publicUrl);
    },
  );
}
