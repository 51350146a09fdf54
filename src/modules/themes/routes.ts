import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { apiRoutes } from "../../http/route.ts";
import { type Api, ZIdParams } from "../../http/types.ts";
import { checkFilterIds } from "../insights/check-filter-ids.ts";
import {
  type TThemeFilters,
  ZDisagreementQuery,
  ZDisagreements,
  ZSuggestionQuery,
  ZSuggestions,
  ZTheme,
  ZThemeBody,
  ZThemeList,
  ZThemeListQuery,
  ZThemeReport,
  ZThemeReportQuery,
} from "./contracts.ts";
import { findDisagreements } from "./find-disagreements.ts";
import { suggestThemes } from "./suggest-themes.ts";
import { themeReport } from "./theme-report.ts";
import {
  addStarterThemes,
  createTheme,
  findThemes,
  getTheme,
  setThemeArchived,
  updateTheme,
} from "./themes.ts";

const ZArchiveBody = z.strictObject({ archived: z.boolean() });

/** The id filters, for the check that they name the caller's own records. */
const filterIds = ({ surveyId, serviceId, channelId, departmentId }: TThemeFilters) => ({
  surveyId,
  serviceId,
  channelId,
  departmentId,
});

/** Comment themes: the organisation's list, the report per theme, suggestions and tone disagreements. */
export function registerThemeRoutes(app: Api, deps: AppDeps): void {
  const route = apiRoutes(app, deps);
  const tags = ["themes"] as const;
  route.get(
    "/themes",
    {
      access: "reports:read",
      schema: {
        tags,
        operationId: "listThemes",
        summary: "The organisation's comment themes with their keywords (archived ones with archived=true)",
        querystring: ZThemeListQuery,
        response: { 200: ZThemeList },
      },
    },
    async (request, _reply, actor) => ({
      items: await findThemes(deps.db, actor.orgId, { archived: request.query.archived === "true" }),
    }),
  );
  route.post(
    "/themes",
    {
      access: "themes:manage",
      schema: {
        tags,
        operationId: "createTheme",
        summary: "Add a theme with its names and keywords in Estonian, Russian and English",
        body: ZThemeBody,
        response: { 201: ZTheme },
      },
    },
    async (request, reply, actor) =>
      reply.status(201).send(await createTheme(deps.db, actor.orgId, request.body)),
  );
  route.post(
    "/themes/starter",
    {
      access: "themes:manage",
      schema: {
        tags,
        operationId: "addStarterThemes",
        summary: "Copy Kaja's starter themes for public services that the organisation does not have yet",
        response: { 200: ZThemeList },
      },
    },
    async (_request, _reply, actor) => ({ items: await addStarterThemes(deps.db, actor.orgId) }),
  );
  route.get(
    "/themes/report",
    {
      access: "reports:read",
      schema: {
        tags,
        operationId: "themeReport",
        summary:
          "Answers mentioning each theme in the period: mentions, NPS and detractor share with intervals, the change from the previous period, by month, service or channel",
        querystring: ZThemeReportQuery,
        response: { 200: ZThemeReport },
      },
    },
    async (request, _reply, actor) => {
      await checkFilterIds(deps.db, actor.orgId, filterIds(request.query));
      return themeReport(deps.db, actor, request.query, request.query.by);
    },
  );
  route.get(
    "/themes/suggestions",
    {
      access: "responses:read",
      schema: {
        tags,
        operationId: "suggestThemes",
        summary:
          "Clusters of recent comments in one language that match no theme, with typical words and examples",
        querystring: ZSuggestionQuery,
        response: { 200: ZSuggestions },
      },
    },
    async (request, _reply, actor) => {
      await checkFilterIds(deps.db, actor.orgId, filterIds(request.query));
      return suggestThemes(deps.db, actor, request.query, request.query.language, request.query.clusters);
    },
  );
  route.get(
    "/themes/tone-disagreements",
    {
      access: "responses:read",
      schema: {
        tags,
        operationId: "listToneDisagreements",
        summary:
          "Comments whose words say the opposite of their score (an angry comment with a 9), newest first",
        querystring: ZDisagreementQuery,
        response: { 200: ZDisagreements },
      },
    },
    async (request, _reply, actor) => {
      await checkFilterIds(deps.db, actor.orgId, filterIds(request.query));
      return findDisagreements(deps.db, actor, request.query, request.query.limit);
    },
  );
  route.get(
    "/themes/:id",
    {
      access: "reports:read",
      schema: {
        tags,
        operationId: "getTheme",
        summary: "One theme",
        params: ZIdParams,
        response: { 200: ZTheme },
      },
    },
    async (request, _reply, actor) => getTheme(deps.db, actor.orgId, request.params.id),
  );
  route.put(
    "/themes/:id",
    {
      access: "themes:manage",
      schema: {
        tags,
        operationId: "updateTheme",
        summary: "Replace a theme's key, names and keywords; its comments are analysed again within a minute",
        params: ZIdParams,
        body: ZThemeBody,
        response: { 200: ZTheme },
      },
    },
    async (request, _reply, actor) => updateTheme(deps.db, actor.orgId, request.params.id, request.body),
  );
  route.put(
    "/themes/:id/archived",
    {
      access: "themes:manage",
      schema: {
        tags,
        operationId: "setThemeArchived",
        summary: "Archive a theme (no longer assigned or reported) or restore it",
        params: ZIdParams,
        body: ZArchiveBody,
        response: { 200: ZTheme },
      },
    },
    async (request, _reply, actor) =>
      setThemeArchived(deps.db, actor.orgId, request.params.id, request.body.archived),
  );
}
