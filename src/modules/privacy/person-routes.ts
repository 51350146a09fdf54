import { eq } from "drizzle-orm";
import { z } from "zod";
import type { TActor } from "../../auth/permissions.ts";
import type { AppDeps } from "../../context.ts";
import type { Db } from "../../db/connect.ts";
import { organization } from "../../db/schema.ts";
import { apiRoutes } from "../../http/route.ts";
import type { Api } from "../../http/types.ts";
import { erasePerson } from "./erase-person.ts";
import { countPerson, findPerson } from "./find-person.ts";
import { ZErasureReceipt, ZPersonCounts, ZPersonQuery, type TPersonQuery } from "./person-contracts.ts";
import { renderPersonPdf, personPdfLocale } from "./person-pdf.ts";
import { recordAudit } from "./record-audit.ts";

async function lookUp(
  db: Db,
  actor: TActor,
  q: TPersonQuery,
  action: "person.search" | "person.export",
  format?: "json" | "pdf",
) {
  const records = await findPerson(db, actor.orgId, q);
  const counts = countPerson(records);
  await recordAudit(db, {
    orgId: actor.orgId,
    actor,
    action,
    details: { by: q.email ? "email" : "phone", found: { ...counts }, ...(format ? { format } : {}) },
  });
  return { records, counts };
}

/** A person's data (data subject requests): find by e-mail or phone, export everything, erase everything. */
export function registerPersonRoutes(app: Api, deps: AppDeps): void {
  const route = apiRoutes(app, deps);
  const tags = ["privacy"] as const;
  route.post(
    "/privacy/person-search",
    {
      access: "privacy:manage",
      schema: {
        tags,
        operationId: "searchPerson",
        summary: "How many records Kaja holds on a person, found by e-mail or phone (logged)",
        body: ZPersonQuery,
        response: { 200: z.object({ counts: ZPersonCounts }) },
      },
    },
    async (request, _reply, actor) => ({
      counts: (await lookUp(deps.db, actor, request.body, "person.search")).counts,
    }),
  );
  route.post(
    "/privacy/person-export",
    {
      access: "privacy:manage",
      schema: {
        tags,
        operationId: "exportPerson",
        summary: "Everything Kaja holds on a person as a JSON file (logged)",
        body: ZPersonQuery,
        response: { 200: z.any().describe("the JSON file") },
      },
    },
    async (request, reply, actor) => {
      const { records, counts } = await lookUp(deps.db, actor, request.body, "person.export");
      return reply
        .header("content-disposition", 'attachment; filename="personal-data.json"')
        .header("cache-control", "no-store")
        .send({ query: request.body, exportedAt: new Date(), counts, ...records });
    },
  );
  route.post(
    "/privacy/person-export.pdf",
    {
      access: "privacy:manage",
      schema: {
        tags,
        operationId: "exportPersonPdf",
        summary:
          "Everything Kaja holds on a person as a readable PDF in their language (a staff language, else English; logged)",
        body: ZPersonQuery,
        response: { 200: z.any().describe("the PDF file") },
      },
    },
    async (request, reply, actor) => {
      const { records } = await lookUp(deps.db, actor, request.body, "person.export", "pdf");
      const [org] = await deps.db
        .select({ name: organization.name })
        .from(organization)
        .where(eq(organization.id, actor.orgId));
      const pdf = await renderPersonPdf({
        records,
        query: request.body,
        orgName: org?.name ?? "",
        exportedAt: new Date(),
        locale: personPdfLocale(records),
      });
      return reply
        .header("content-type", "application/pdf")
        .header("content-disposition", 'attachment; filename="personal-data.pdf"')
        .header("cache-control", "no-store")
        .send(pdf);
    },
  );
  route.post(
    "/privacy/person-erase",
    {
      access: "privacy:manage",
      schema: {
        tags,
        operationId: "erasePerson",
        summary:
          "Erases or anonymises everything Kaja holds on a person in one transaction; answers' scores stay, anonymous",
        body: ZPersonQuery,
        response: { 200: ZErasureReceipt },
      },
      problems: [404],
    },
    async (request, _reply, actor) => erasePerson(deps.db, actor, request.body),
  );
}
