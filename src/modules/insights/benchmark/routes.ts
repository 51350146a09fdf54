import { z } from "zod";
import { refinement } from "../../../http/problem-language.ts";
import type { TActor } from "../../../auth/permissions.ts";
import type { AppDeps } from "../../../context.ts";
import { AppError } from "../../../http/errors.ts";
import { ZCalendarDate } from "../../../http/strict-input.ts";
import { apiRoutes } from "../../../http/route.ts";
import { type Api, ZIdParams } from "../../../http/types.ts";
import { UI_LOCALES } from "../../../i18n/locales.ts";
import { reportScope } from "../report-scope.ts";
import { getNetworkSummary } from "./network-summary.ts";
import { createNetworkAndJoin, findNetworks, joinNetwork, leaveNetwork } from "./networks.ts";

const ZNetwork = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  member: z.boolean(),
  joinedAt: z.date().nullable(),
  organisations: z.number().int(),
});

const ZCell = z.object({
  network: z.object({
    organisations: z.number().int(),
    answers: z.number().int().nullable(),
    withheld: z.boolean(),
    nps: z.number().nullable(),
    npsInterval: z.object({ low: z.number(), high: z.number() }).nullable(),
    satisfactionIndex: z.number().nullable(),
    satisfactionAnswers: z.number().int().nullable(),
  }),
  own: z.object({
    answers: z.number().int(),
    withheld: z.boolean(),
    included: z.boolean(),
    nps: z.number().nullable(),
    satisfactionIndex: z.number().nullable(),
    rank: z.number().int().nullable(),
    of: z.number().int(),
  }),
});

const ZNetworkSummary = z.object({
  networkId: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  minAnswers: z.number().int(),
  minOrganisations: z.number().int(),
  overall: ZCell,
  cells: z.array(
    ZCell.extend({
      serviceType: z.string(),
      serviceTypeLabel: z.string(),
      audience: z.string(),
      audienceLabel: z.string(),
    }),
  ),
});

const ZSummaryQuery = z
  .object({
    from: ZCalendarDate.optional(),
    to: ZCalendarDate.optional(),
    locale: z.enum(UI_LOCALES).default("et"),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from >= q.to)
      ctx.addIssue({ code: "custom", path: ["from"], ...refinement("problem.field.beforeToExclusive") });
  });

/** Benchmark figures show the organisation's own overall results, so they need an organisation-wide view. */
async function requireOrganisationView(deps: AppDeps, actor: TActor): Promise<void> {
  if ((await reportScope(deps.db, actor)).kind !== "organisation")
    throw new AppError("FORBIDDEN", { message: { key: "problem.benchmark.wholeOrganisation" } });
}

/** Benchmark networks: list, join, leave, and the network's figures against the organisation's own. */
export function registerBenchmarkRoutes(app: Api, deps: AppDeps): void {
  const route = apiRoutes(app, deps);
  const tags = ["benchmark"] as const;
  route.get(
    "/benchmark/networks",
    {
      access: "reports:read",
      schema: {
        operationId: "listBenchmarkNetworks",
        tags,
        summary: "Benchmark networks: those the organisation belongs to and those it can join",
        response: { 200: z.object({ items: z.array(ZNetwork) }) },
      },
    },
    async (_request, _reply, actor) => {
      return { items: await findNetworks(deps.db, actor.orgId) };
    },
  );
  route.post(
    "/benchmark/networks",
    {
      access: "benchmark:manage",
      schema: {
        operationId: "createBenchmarkNetwork",
        tags,
        summary: "Create a benchmark network; the organisation becomes its first member and others may join",
        body: z.strictObject({
          name: z.string().trim().min(2).max(200),
          slug: z
            .string()
            .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "lower-case letters, digits and single hyphens")
            .min(2)
            .max(60)
            .optional()
            .describe("made from the name when left out"),
        }),
        response: { 201: ZNetwork },
      },
    },
    async (request, reply, actor) => {
      const network = await createNetworkAndJoin(deps.db, actor.orgId, request.body);
      return reply.status(201).send(network);
    },
  );
  for (const action of ["join", "leave"] as const) {
    route.post(
      `/benchmark/networks/:id/${action}`,
      {
        access: "benchmark:manage",
        schema: {
          operationId: `${action}BenchmarkNetwork`,
          tags,
          summary: action === "join" ? "Join a benchmark network" : "Leave a benchmark network",
          params: ZIdParams,
          response: { 200: ZNetwork },
        },
      },
      async (request, _reply, actor) => {
        const change = action === "join" ? joinNetwork : leaveNetwork;
        const network = await change(deps.db, actor.orgId, request.params.id);
        if (!network) throw new AppError("NOT_FOUND", { message: { key: "problem.benchmark.notFound" } });
        return network;
      },
    );
  }
  route.get(
    "/benchmark/networks/:id/summary",
    {
      access: "reports:read",
      schema: {
        operationId: "getBenchmarkSummary",
        tags,
        summary:
          "The network's NPS and satisfaction index by service type and audience, pooled over its members' answers, with the organisation's own figure and rank",
        params: ZIdParams,
        querystring: ZSummaryQuery,
        response: { 200: ZNetworkSummary },
      },
    },
    async (request, _reply, actor) => {
      await requireOrganisationView(deps, actor);
      return getNetworkSummary(deps.db, actor.orgId, request.params.id, request.query);
    },
  );
}
