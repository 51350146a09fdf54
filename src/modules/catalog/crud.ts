import type { PgColumn } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import type { Db } from "../../db/connect.ts";
import { apiRoutes } from "../../http/route.ts";
import { type Api, ZIdParams } from "../../http/types.ts";
import { type CatalogTable, catalogItems } from "./catalog-items.ts";
import { assertUniqueCode } from "./check-refs.ts";

export interface CatalogResourceOptions<TCreate extends z.ZodObject, TOut extends z.ZodObject> {
  /** URL segment, e.g. "services"; also names the operations (listServices, getService…). */
  path: string;
  /** Singular noun for messages and operation names, e.g. "service". */
  noun: string;
  table: CatalogTable;
  columns: Record<string, PgColumn>;
  ZCreate: TCreate;
  ZOut: TOut;
  orderBy: PgColumn;
  /** Checks references (same organisation) before a write; throws VALIDATION naming the field. */
  checkRefs?: (db: Db, orgId: string, input: Partial<z.infer<TCreate>>, id?: string) => Promise<void>;
}

const capitalize = (s: string) => s[0].toUpperCase() + s.slice(1);

/** Registers list, get, create, update, archive and restore for one catalogue resource. */
export function registerCatalogResource<TCreate extends z.ZodObject, TOut extends z.ZodObject>(
  app: Api,
  deps: AppDeps,
  { path, noun, table, columns, ZCreate, ZOut, orderBy, checkRefs }: CatalogResourceOptions<TCreate, TOut>,
): void {
  const route = apiRoutes(app, deps);
  const items = catalogItems(deps.db, { noun, table, columns, orderBy });
  const tags = ["catalogue"] as const;
  const [Noun, Nouns] = [capitalize(noun), capitalize(path)];
  // Zod validates and serialises as on any route; the static types see any object, as the resource is generic.
  const [Out, Create] = [ZOut as z.ZodObject, ZCreate as z.ZodObject];
  const responses = { 200: Out };

  route.get(
    `/${path}`,
    {
      access: "catalog:read",
      schema: {
        operationId: `list${Nouns}`,
        tags,
        summary: `List ${path}`,
        querystring: z.object({ includeArchived: z.stringbool().default(false) }),
        response: { 200: z.array(Out) },
      },
    },
    async (request, _reply, actor) => items.find(actor.orgId, request.query),
  );
  route.get(
    `/${path}/:id`,
    {
      access: "catalog:read",
      schema: {
        operationId: `get${Noun}`,
        tags,
        summary: `Get one ${noun}`,
        params: ZIdParams,
        response: responses,
      },
    },
    async (request, _reply, actor) => items.get(actor.orgId, request.params.id),
  );
  route.post(
    `/${path}`,
    {
      access: "catalog:write",
      schema: {
        operationId: `create${Noun}`,
        tags,
        summary: `Create a ${noun}`,
        body: Create,
        response: { 201: Out },
      },
    },
    async (request, reply, actor) => {
      const input = request.body as Partial<z.infer<TCreate>>;
      await checkRefs?.(deps.db, actor.orgId, input);
      await assertUniqueCode(deps.db, table, actor.orgId, input.code as string | null | undefined);
      return reply.status(201).send(await items.create(actor.orgId, input));
    },
  );
  route.patch(
    `/${path}/:id`,
    {
      access: "catalog:write",
      schema: {
        operationId: `update${Noun}`,
        tags,
        summary: `Change a ${noun}`,
        params: ZIdParams,
        body: Create.partial(),
        response: responses,
      },
    },
    async (request, _reply, actor) => {
      const input = request.body as Partial<z.infer<TCreate>>;
      await items.get(actor.orgId, request.params.id);
      await checkRefs?.(deps.db, actor.orgId, input, request.params.id);
      const code = input.code as string | null | undefined;
      await assertUniqueCode(deps.db, table, actor.orgId, code, request.params.id);
      return items.update(actor.orgId, request.params.id, input);
    },
  );
  for (const [verb, summary, archivedAt] of [
    ["archive", `Archive a ${noun} (kept for history)`, () => new Date()],
    ["restore", `Restore an archived ${noun}`, () => null],
  ] as const) {
    route.post(
      `/${path}/:id/${verb}`,
      {
        access: "catalog:write",
        schema: { operationId: `${verb}${Noun}`, tags, summary, params: ZIdParams, response: responses },
      },
      async (request, _reply, actor) => items.setArchived(actor.orgId, request.params.id, archivedAt()),
    );
  }
}
