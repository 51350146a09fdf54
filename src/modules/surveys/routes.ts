import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import {
  standardDefinition,
  type TSurveyDefinition,
  ZSurveyDefinition,
} from "../../domain/survey-definition.ts";
import { apiRoutes } from "../../http/route.ts";
import { type Api, ZIdParams } from "../../http/types.ts";
import { SURVEY_LOCALES } from "../../i18n/locales.ts";
import {
  createSurvey,
  findSurveys,
  getSurvey,
  getSurveyVersion,
  setSurveyArchived,
  updateSurvey,
} from "./surveys.ts";

const ZKind = z.enum(["transactional", "relationship", "website"]);
const ZSlug = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, "use lower-case letters, digits and -");
const ZSurveySummary = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  kind: z.string(),
  currentVersion: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
  archivedAt: z.date().nullable(),
});
const ZSurvey = ZSurveySummary.extend({ definition: z.custom<TSurveyDefinition>() });

const ZCreate = z.object({
  name: z.string().trim().min(1).max(200),
  kind: ZKind,
  slug: ZSlug.optional(),
  /** Omit to start from the standard wordings. */
  definition: ZSurveyDefinition.optional(),
  locales: z.array(z.enum(SURVEY_LOCALES)).min(1).optional(),
  defaultLocale: z.enum(SURVEY_LOCALES).optional(),
  recommendObject: z.enum(["organisation", "service", "employee"]).optional(),
});

/** Surveys and their versions. */
export function registerSurveyRoutes(app: Api, deps: AppDeps): void {
  const route = apiRoutes(app, deps);
  const tags = ["surveys"] as const;
  route.get(
    "/surveys",
    {
      access: "surveys:read",
      schema: {
        operationId: "listSurveys",
        summary: "The organisation's surveys",
        tags,
        querystring: z.object({ includeArchived: z.stringbool().default(false) }),
        response: { 200: z.array(ZSurveySummary) },
      },
    },
    async (request, _reply, actor) => {
      return findSurveys(deps.db, actor.orgId, request.query);
    },
  );
  route.get(
    "/surveys/:id",
    {
      access: "surveys:read",
      schema: {
        operationId: "getSurvey",
        summary: "A survey with its current definition",
        tags,
        params: ZIdParams,
        response: { 200: ZSurvey },
      },
    },
    async (request, _reply, actor) => {
      return getSurvey(deps.db, actor.orgId, request.params.id);
    },
  );
  route.get(
    "/surveys/:id/versions/:version",
    {
      access: "surveys:read",
      schema: {
        operationId: "getSurveyVersion",
        summary: "One frozen version of a survey's definition",
        tags,
        params: ZIdParams.extend({ version: z.coerce.number().int().min(1) }),
        response: {
          200: z.object({
            version: z.number(),
            definition: z.custom<TSurveyDefinition>(),
            createdAt: z.date(),
          }),
        },
      },
    },
    async (request, _reply, actor) => {
      return getSurveyVersion(deps.db, actor.orgId, request.params.id, request.params.version);
    },
  );
  route.post(
    "/surveys",
    {
      access: "surveys:write",
      schema: {
        operationId: "createSurvey",
        tags,
        summary: "Create a survey (standard wordings unless a definition is given)",
        body: ZCreate,
        response: { 201: ZSurvey },
      },
    },
    async (request, reply, actor) => {
      const { definition, locales, defaultLocale, recommendObject, ...fields } = request.body;
      const def =
        (definition as TSurveyDefinition | undefined) ??
        standardDefinition({
          locales,
          defaultLocale: defaultLocale ?? locales?.[0],
          object: recommendObject,
        });
      return reply.status(201).send(await createSurvey(deps.db, actor.orgId, { ...fields, definition: def }));
    },
  );
  route.patch(
    "/surveys/:id",
    {
      access: "surveys:write",
      schema: {
        operationId: "updateSurvey",
        tags,
        summary: "Change a survey; a changed definition of an answered version becomes a new version",
        params: ZIdParams,
        body: z.object({
          name: z.string().trim().min(1).max(200).optional(),
          kind: ZKind.optional(),
          slug: ZSlug.optional(),
          definition: ZSurveyDefinition.optional(),
        }),
        response: { 200: ZSurvey },
      },
    },
    async (request, _reply, actor) => {
      const { definition, ...rest } = request.body;
      return updateSurvey(deps.db, actor.orgId, request.params.id, {
        ...rest,
        definition: definition as TSurveyDefinition | undefined,
      });
    },
  );
  for (const [verb, archived, summary] of [
    ["archive", true, "Archive a survey (its answers stay)"],
    ["restore", false, "Restore an archived survey"],
  ] as const) {
    route.post(
      `/surveys/:id/${verb}`,
      {
        access: "surveys:write",
        schema: {
          operationId: `${verb}Survey`,
          summary,
          tags,
          params: ZIdParams,
          response: { 200: ZSurvey },
        },
      },
      async (request, _reply, actor) => {
        return setSurveyArchived(deps.db, actor.orgId, request.params.id, archived);
      },
    );
  }
}
