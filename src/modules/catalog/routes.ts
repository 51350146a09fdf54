import { z } from "zod";
import { refinement } from "../../http/problem-language.ts";
import type { AppDeps } from "../../context.ts";
import { channel, department, employee, service } from "../../db/schema.ts";
import type { Api } from "../../http/types.ts";
import { SURVEY_LOCALES } from "../../i18n/locales.ts";
import {
  assertInOrg,
  assertMemberUser,
  assertNoCycle,
  assertUniqueChannelNames,
  assertUserFree,
} from "./check-refs.ts";
import { registerCatalogResource } from "./crud.ts";
import { CHANNEL_KINDS } from "./seed-channels.ts";

export const SERVICE_TYPES = [
  "e_service",
  "customer_service",
  "internal_process",
  "training",
  "employer",
  "organisation",
  "partner_relationship",
] as const;
export const AUDIENCES = ["external", "internal", "partner"] as const;

const ZText = z.string().trim().min(1).max(200);
/** Names per language; Estonian is required. */
const ZNames = z
  .partialRecord(z.enum(SURVEY_LOCALES), ZText)
  .refine((n) => Boolean(n.et), { ...refinement("problem.field.estonianNameRequired"), path: ["et"] });
const ZOptionalId = z.uuid().nullable().optional();
/** The organisation's own short code of an item (letters, digits, - _ . /), unique per organisation without case. */
const ZCode = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N}_./-]+$/u, "letters, digits and - _ . / only, no spaces")
  .nullable()
  .optional();
const ZMeta = {
  id: z.string(),
  code: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  archivedAt: z.date().nullable(),
};

const ZService = z.object({
  ...ZMeta,
  names: z.record(z.string(), z.string()),
  type: z.enum(SERVICE_TYPES),
  audience: z.enum(AUDIENCES),
  departmentId: z.string().nullable(),
});
const ZDepartment = z.object({ ...ZMeta, name: z.string(), parentId: z.string().nullable() });
const ZEmployee = z.object({
  ...ZMeta,
  name: z.string(),
  email: z.string().nullable(),
  departmentId: z.string().nullable(),
  userId: z.string().nullable(),
});
const ZChannel = z.object({ ...ZMeta, kind: z.string().nullable(), names: z.record(z.string(), z.string()) });

const meta = (t: typeof service | typeof department | typeof employee | typeof channel) => ({
  id: t.id,
  code: t.code,
  createdAt: t.createdAt,
  updatedAt: t.updatedAt,
  archivedAt: t.archivedAt,
});

/** Services, departments, employees and channels. */
export function registerCatalogRoutes(app: Api, deps: AppDeps): void {
  registerCatalogResource(app, deps, {
    path: "services",
    noun: "service",
    table: service,
    columns: {
      ...meta(service),
      names: service.names,
      type: service.type,
      audience: service.audience,
      departmentId: service.departmentId,
    },
    ZCreate: z.object({
      names: ZNames,
      type: z.enum(SERVICE_TYPES),
      audience: z.enum(AUDIENCES).default("external"),
      departmentId: ZOptionalId,
      code: ZCode,
    }),
    ZOut: ZService,
    orderBy: service.createdAt,
    checkRefs: (db, orgId, input) =>
      assertInOrg(db, department, orgId, input.departmentId, "body.departmentId"),
  });
  registerCatalogResource(app, deps, {
    path: "departments",
    noun: "department",
    table: department,
    columns: { ...meta(department), name: department.name, parentId: department.parentId },
    ZCreate: z.object({ name: ZText, parentId: ZOptionalId, code: ZCode }),
    ZOut: ZDepartment,
    orderBy: department.name,
    checkRefs: async (db, orgId, input, id) => {
      await assertInOrg(db, department, orgId, input.parentId, "body.parentId");
      if (id && input.parentId) await assertNoCycle(db, orgId, id, input.parentId);
    },
  });
  registerCatalogResource(app, deps, {
    path: "employees",
    noun: "employee",
    table: employee,
    columns: {
      ...meta(employee),
      name: employee.name,
      email: employee.email,
      departmentId: employee.departmentId,
      userId: employee.userId,
    },
    ZCreate: z.object({
      name: ZText,
      email: z.email().max(254).nullable().optional(),
      departmentId: ZOptionalId,
      userId: ZOptionalId,
      code: ZCode,
    }),
    ZOut: ZEmployee,
    orderBy: employee.name,
    checkRefs: async (db, orgId, input, id) => {
      await assertInOrg(db, department, orgId, input.departmentId, "body.departmentId");
      await assertMemberUser(db, orgId, input.userId, "body.userId");
      await assertUserFree(db, orgId, input.userId, "body.userId", id);
    },
  });
  registerCatalogResource(app, deps, {
    path: "channels",
    noun: "channel",
    table: channel,
    columns: { ...meta(channel), kind: channel.kind, names: channel.names },
    // Organisations add their own channels by name; the built-in kinds are seeded once.
    ZCreate: z.object({ names: ZNames, code: ZCode }),
    ZOut: ZChannel,
    orderBy: channel.createdAt,
    checkRefs: (db, orgId, input, id) => assertUniqueChannelNames(db, orgId, input.names, id),
  });
  void CHANNEL_KINDS;
}
