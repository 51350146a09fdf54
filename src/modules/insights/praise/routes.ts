import { z } from "zod";
import { refinement } from "../../../http/problem-language.ts";
import type { AppDeps } from "../../../context.ts";
import { ZCalendarMonth } from "../../../http/strict-input.ts";
import { apiRoutes } from "../../../http/route.ts";
import type { Api } from "../../../http/types.ts";
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
      ctx.addIssue({
        code: "custom",
        path: [other],
        ...refinement("problem.field.notWithTarget", { target: b.target }),
      });
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
  const route = apiRoutes(app, deps);
  const tags = ["praise"] as const;
  const one = { params: ZResponseParams, response: { 200: ZPraise } };
  route.post(
    "/comments/:responseId/praise",
    {
      access: "praise:manage",
      schema: {
        operationId: "markPraise",
        tags,
        summary: "Mark an answer's comment as praise of an employee or a service (needs approval again)",
        ...one,
        body: ZMarkPraise,
      },
    },
    async (request, _reply, actor) => {
      return markPraise(deps.db, actor, request.params.responseId, request.body);
    },
  );
  route.post(
    "/comments/:responseId/praise/approve",
    {
      access: "praise:publish",
      schema: {
        operationId: "approvePraise",
        tags,
        summary: "Approve praise for the wall and the public widget",
        ...one,
      },
    },
    async (request, _reply, actor) => {
      return approvePraise(deps.db, actor, request.params.responseId);
    },
  );
  route.delete(
    "/comments/:responseId/praise",
    {
      access: "praise:manage",
      schema: {
        operationId: "removePraise",
        summary: "Remove the praise mark from an answer's comment",
        tags,
        params: ZResponseParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply, actor) => {
      await removePraise(deps.db, actor, request.params.responseId);
      return reply.status(204).send(null);
    },
  );
  route.get(
    "/praise",
    {
      access: "responses:read",
      schema: {
        operationId: "listPraise",
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
        },
      },
    },
    async (request, _reply, actor) => {
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
  const route = apiRoutes(app, deps);
  route.get(
    "/reports/employee-of-the-month",
    {
      access: "reports:read",
      schema: {
        operationId: "getEmployeeOfTheMonth",
        tags: ["reports"],
        summary: `Employees ranked by the month's NPS among those with at least max(minimum sample, ${EMPLOYEE_OF_THE_MONTH_MIN_ANSWERS}) answers (ties: more answers first), with their approved praise`,
        querystring: z.object({
          month: ZCalendarMonth,
          locale: z.enum(UI_LOCALES).default("et"),
        }),
        response: { 200: ZEmployeeOfTheMonth },
      },
    },
    async (request, _reply, actor) => {
      return employeeOfTheMonth(deps.db, actor, request.query);
    },
  );
}

function registerPublishingRoutes(app: Api, deps: AppDeps): void {
  const route = apiRoutes(app, deps);
  const tags = ["praise"] as const;
  route.post(
    "/praise-wall",
    {
      access: "praise:publish",
      schema: {
        operationId: "enablePraiseWall",
        tags,
        summary:
          "Turn the praise wall on with a new unguessable link (shown once; earlier links stop working)",
        response: { 201: z.object({ enabled: z.literal(true), url: z.string() }) },
      },
    },
    async (_request, reply, actor) => {
      return reply.status(201).send(await enablePraiseWall(deps.db, actor.orgId, deps.config.publicUrl));
    },
  );
  route.get(
    "/praise-wall",
    {
      access: "praise:publish",
      schema: {
        operationId: "getPraiseWall",
        summary: "Whether the praise wall is on",
        tags,
        response: { 200: z.object({ enabled: z.boolean() }) },
      },
    },
    async (_request, _reply, actor) => {
      return praiseWallStatus(deps.db, actor.orgId);
    },
  );
  route.delete(
    "/praise-wall",
    {
      access: "praise:publish",
      schema: {
        operationId: "disablePraiseWall",
        tags,
        summary: "Turn the praise wall off",
        response: { 204: z.null() },
      },
    },
    async (_request, reply, actor) => {
      await disablePraiseWall(deps.db, actor.orgId);
      return reply.status(204).send(null);
    },
  );
  route.get(
    "/public-widget",
    {
      access: "praise:publish",
      schema: {
        operationId: "getPublicWidget",
        summary: "Whether the public widget is on, and the snippet that embeds it",
        tags,
        response: { 200: ZPublicWidget },
      },
    },
    async (_request, _reply, actor) => {
      return getPublicWidget(deps.db, actor.orgId, deps.config.publicUrl);
    },
  );
  route.put(
    "/public-widget",
    {
      access: "praise:publish",
      schema: {
        operationId: "setPublicWidget",
        tags,
        summary: "Allow or stop the public NPS-and-praise widget for the organisation's website",
        body: z.object({ enabled: z.boolean() }),
        response: { 200: ZPublicWidget },
      },
    },
    async (request, _reply, actor) => {
      await setPublicWidget(deps.db, actor.orgId, request.body.enabled);
      return getPublicWidget(deps.db, actor.orgId, deps.config.publicUrl);
    },
  );
}
