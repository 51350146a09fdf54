import { randomUUID } from "node:crypto";
import { asc, eq, isNull, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { requireAccess } from "../../auth/access.ts";
import type { AppDeps } from "../../context.ts";
import type { Db } from "../../db/connect.ts";
import { inOrg } from "../../db/scope.ts";
import { AppError } from "../../http/errors.ts";
import { type Api, problemResponses, ZIdParams } from "../../http/types.ts";

type CatalogTable = PgTable & { orgId: PgColumn; id: PgColumn; archivedAt: PgColumn; updatedAt: PgColumn };

export interface CatalogResourceOptions<TCreate extends z.ZodObject, TOut extends z.ZodObject> {
  /** URL segment and OpenAPI tag, e.g. "services". */
  path: string;
  /** Singular noun for messages, e.g. "service". */
  noun: string;
  table: CatalogTable;
  columns: Record<string, PgColumn>;
  ZCreate: TCreate;
  ZOut: TOut;
  orderBy: PgColumn;
  /** Checks references (same organisation) before a write; throws VALIDATION naming the field. */
  checkRefs?: (db: Db, orgId: string, input: Partial<z.infer<TCreate>>, id?: string) => Promise<void>;
}

/** Registers list, get, create, update, archive and restore for one catalogue resource. */
export function registerCatalogResource<TCreate extends z.ZodObject, TOut extends z.ZodObject>(
  app: Api,
  deps: AppDeps,
  { path, noun, table, columns, ZCreate, ZOut, orderBy, checkRefs }: CatalogResourceOptions<TCreate, TOut>,
): void {
  const tags = ["catalogue"];
  const responses = { 200: ZOut, ...problemResponses };
  const notFound = () => new AppError("NOT_FOUND", { detail: `No such ${noun}.` });
  const byId = (orgId: string, id: string): SQL => inOrg(table, orgId, eq(table.id, id));
  // biome-ignore lint/suspicious/noExplicitAny: the generic table's row type is known only through `columns`
  const db = deps.db as any;
  // Zod validates and serialises as on any route; only the static inference is dropped for the generic resource.
  const api = app as unknown as FastifyInstance;
  type Req = FastifyRequest<{
    Params: { id: string };
    Querystring: { includeArchived: boolean };
    Body: Record<string, unknown>;
  }>;

  async function get(orgId: string, id: string) {
    const [row] = await db.select(columns).from(table).where(byId(orgId, id));
    if (!row) throw notFound();
    return row;
  }

  async function setArchived(orgId: string, id: string, archivedAt: Date | null) {
    const [row] = await db
      .update(table)
      .set({ archivedAt, updatedAt: new Date() })
      .where(byId(orgId, id))
      .returning(columns);
    if (!row) throw notFound();
    return row;
  }

  api.get(
    `/${path}`,
    {
      schema: {
        tags,
        summary: `List ${path}`,
        querystring: z.object({ includeArchived: z.stringbool().default(false) }),
        response: { ...responses, 200: z.array(ZOut) },
      },
    },
    async (request: Req, reply) => {
      const actor = await requireAccess(deps, request, reply, "catalog:read");
      const filter = request.query.includeArchived ? undefined : isNull(table.archivedAt);
      return db
        .select(columns)
        .from(table)
        .where(inOrg(table, actor.orgId, filter))
        .orderBy(asc(orderBy));
    },
  );
  api.get(
    `/${path}/:id`,
    { schema: { tags, summary: `Get one ${noun}`, params: ZIdParams, response: responses } },
    async (request: Req, reply) => {
      const actor = await requireAccess(deps, request, reply, "catalog:read");
      return get(actor.orgId, request.params.id);
    },
  );
  api.post(
    `/${path}`,
    { schema: { tags, summary: `Create a ${noun}`, body: ZCreate, response: { ...responses, 201: ZOut } } },
    async (request: Req, reply) => {
      const actor = await requireAccess(deps, request, reply, "catalog:write");
      const input = request.body as Partial<z.infer<TCreate>>;
      await checkRefs?.(deps.db, actor.orgId, input);
      const [row] = await db
        .insert(table)
        .values({ ...input, orgId: actor.orgId, id: randomUUID() })
        .returning(columns);
      return reply.status(201).send(row);
    },
  );
  api.patch(
    `/${path}/:id`,
    {
      schema: {
        tags,
        summary: `Change a ${noun}`,
        params: ZIdParams,
        body: ZCreate.partial(),
        response: responses,
      },
    },
    async (request: Req, reply) => {
      const actor = await requireAccess(deps, request, reply, "catalog:write");
      const input = request.body as Partial<z.infer<TCreate>>;
      await get(actor.orgId, request.params.id);
      await checkRefs?.(deps.db, actor.orgId, input, request.params.id);
      const [row] = await db
        .update(table)
        .set({ ...input, updatedAt: new Date() })
        .where(byId(actor.orgId, request.params.id))
        .returning(columns);
      return row;
    },
  );
  api.post(
    `/${path}/:id/archive`,
    {
      schema: {
        tags,
        summary: `Archive a ${noun} (kept for history)`,
        params: ZIdParams,
        response: responses,
      },
    },
    async (request: Req, reply) => {
      const actor = await requireAccess(deps, request, reply, "catalog:write");
      return setArchived(actor.orgId, request.params.id, new Date());
    },
  );
  api.post(
    `/${path}/:id/restore`,
    { schema: { tags, summary: `Restore an archived ${noun}`, params: ZIdParams, response: responses } },
    async (request: Req, reply) => {
      const actor = await requireAccess(deps, request, reply, "catalog:write");
      return setArchived(actor.orgId, request.params.id, null);
    },
  );
}

/** Throws a VALIDATION error naming `field` unless `id` is a row of the organisation in `table`. */
export async function assertInOrg(
  db: Db,
  table: CatalogTable,
  orgId: string,
  id: string | null | undefined,
  field: string,
) {
  if (!id) return;
  // biome-ignore lint/suspicious/noExplicitAny: see registerCatalogResource
  const [row] = await (db as any)
    .select({ id: table.id })
    .from(table)
    .where(inOrg(table, orgId, eq(table.id, id)));
  if (!row)
    throw new AppError("VALIDATION", {
      detail: `${field}: no such record in your organisation`,
      errors: [{ path: field, message: "no such record in your organisation" }],
    });
}
