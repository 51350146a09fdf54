import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { apiRoutes } from "../../http/route.ts";
import { type Api, ZIdParams } from "../../http/types.ts";
import {
  ZCreateModelRequest,
  ZModel,
  ZModelDefinition,
  ZModelDetail,
  ZSettings,
  ZTemplate,
  ZUpdateModelRequest,
  ZVersionParams,
} from "./contracts.ts";
import {
  activateVersion,
  createModel,
  createVersion,
  findModels,
  getModel,
  listTemplates,
  updateDraft,
  updateModel,
} from "./models.ts";
import { getQualitySettings, setQualitySettings } from "./settings.ts";
import { auditSettingsChange } from "../privacy/audit-settings.ts";

/** Evaluation models (scorecards), their versions, the SKA templates and the organisation's quality settings. */
export function registerQualityModelRoutes(app: Api, deps: AppDeps): void {
  const route = apiRoutes(app, deps);
  const tags = ["quality"] as const;
  route.get(
    "/quality/templates",
    {
      access: "quality:read",
      schema: {
        tags,
        operationId: "listQualityTemplates",
        summary: "SKA's evaluation models (face-to-face, phone, e-mail, self-service) to copy",
        response: { 200: z.object({ items: z.array(ZTemplate) }) },
      },
    },
    async () => ({ items: listTemplates() }),
  );
  route.get(
    "/quality/models",
    {
      access: "quality:read",
      schema: {
        tags,
        operationId: "findQualityModels",
        summary: "The organisation's evaluation models with their active and latest version",
        response: { 200: z.object({ items: z.array(ZModel) }) },
      },
    },
    async (_request, _reply, actor) => ({ items: await findModels(deps.db, actor.orgId) }),
  );
  route.post(
    "/quality/models",
    {
      access: "quality:manage",
      schema: {
        tags,
        operationId: "createQualityModel",
        summary: "Create a model from a template or a definition; its first version is a draft",
        body: ZCreateModelRequest,
        response: { 201: ZModelDetail },
      },
    },
    async (request, reply, actor) => {
      const id = await createModel(deps.db, actor.orgId, request.body);
      return reply.status(201).send(await getModel(deps.db, actor.orgId, id));
    },
  );
  route.get(
    "/quality/models/:id",
    {
      access: "quality:read",
      schema: {
        tags,
        operationId: "getQualityModel",
        summary: "One model with all its versions, newest first",
        params: ZIdParams,
        response: { 200: ZModelDetail },
      },
    },
    async (request, _reply, actor) => getModel(deps.db, actor.orgId, request.params.id),
  );
  route.patch(
    "/quality/models/:id",
    {
      access: "quality:manage",
      schema: {
        tags,
        operationId: "updateQualityModel",
        summary: "Rename a model, archive or restore it",
        params: ZIdParams,
        body: ZUpdateModelRequest,
        response: { 200: ZModelDetail },
      },
    },
    async (request, _reply, actor) => {
      await updateModel(deps.db, actor.orgId, request.params.id, request.body);
      return getModel(deps.db, actor.orgId, request.params.id);
    },
  );
  route.post(
    "/quality/models/:id/versions",
    {
      access: "quality:manage",
      schema: {
        tags,
        operationId: "createQualityModelVersion",
        summary: "A new draft version, copied from the latest one or from the given definition",
        params: ZIdParams,
        body: z.object({ definition: ZModelDefinition.optional() }).strict(),
        response: { 201: ZModelDetail },
      },
    },
    async (request, reply, actor) => {
      await createVersion(deps.db, actor.orgId, request.params.id, request.body.definition);
      return reply.status(201).send(await getModel(deps.db, actor.orgId, request.params.id));
    },
  );
  route.put(
    "/quality/models/:id/versions/:version",
    {
      access: "quality:manage",
      schema: {
        tags,
        operationId: "updateQualityModelVersion",
        summary: "Edit a draft version (an active, retired or evaluated version answers 409)",
        params: ZVersionParams,
        body: z.object({ definition: ZModelDefinition }).strict(),
        response: { 200: ZModelDetail },
      },
      problems: [409],
    },
    async (request, _reply, actor) => {
      const { id, version } = request.params;
      await updateDraft(deps.db, actor.orgId, id, version, request.body.definition);
      return getModel(deps.db, actor.orgId, id);
    },
  );
  route.post(
    "/quality/models/:id/versions/:version/activate",
    {
      access: "quality:manage",
      schema: {
        tags,
        operationId: "activateQualityModelVersion",
        summary:
          "Activate a draft; weights not summing to 100 % are refused naming every section and the sum",
        params: ZVersionParams,
        response: { 200: ZModelDetail },
      },
      problems: [409],
    },
    async (request, _reply, actor) => {
      const { id, version } = request.params;
      await activateVersion(deps.db, actor.orgId, id, version);
      return getModel(deps.db, actor.orgId, id);
    },
  );
  route.get(
    "/quality/settings",
    {
      access: "quality:read",
      schema: {
        tags,
        operationId: "getQualitySettings",
        summary: "Bands, monthly quotas and the agreement reminder lead time",
        response: { 200: ZSettings },
      },
    },
    async (_request, _reply, actor) => getQualitySettings(deps.db, actor.orgId),
  );
  route.put(
    "/quality/settings",
    {
      access: "quality:manage",
      schema: {
        tags,
        operationId: "setQualitySettings",
        summary: "Change bands, monthly quotas and the agreement reminder lead time",
        body: ZSettings.strict(),
        response: { 200: ZSettings },
      },
    },
    async (request, _reply, actor) => {
      await setQualitySettings(deps.db, actor.orgId, request.body);
      await auditSettingsChange(deps.db, actor, "quality", request.body);
      return getQualitySettings(deps.db, actor.orgId);
    },
  );
}
