import { inArray } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { channel, department, employee, service } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { hasMessage, t } from "../../i18n/account-mail.ts";
import type { TGroupBy } from "./report-types.ts";

type TGroupName = "promoter" | "passive" | "detractor";

/** The organisation's own names of the three answer groups in `locale`, else the standard ones. */
export function groupLabels(
  own: Partial<Record<TGroupName, Record<string, string>>> | null | undefined,
  locale: string,
): Record<TGroupName, string> {
  const pick = (g: TGroupName) => own?.[g]?.[locale] ?? own?.[g]?.et ?? t(locale, `group.${g}`);
  return { promoter: pick("promoter"), passive: pick("passive"), detractor: pick("detractor") };
}

/** A name from a names-per-language object: the locale, else Estonian, else any. */
export function nameIn(names: Record<string, string> | null | undefined, locale: string): string | null {
  if (!names) return null;
  return names[locale] ?? names.et ?? Object.values(names)[0] ?? null;
}

/** The label of a service type or audience code in `locale`, from the server catalogues (an unknown code as is). */
export function codeLabel(dimension: "serviceType" | "audience", code: string, locale: string): string {
  const key = `${dimension}.${code}`;
  return hasMessage(key) ? t(locale, key) : code;
}

/** Looks up display names of the ids that appear in a report, per dimension. */
export async function loadLabels(
  db: Db,
  orgId: string,
  dimension: TGroupBy,
  ids: string[],
  locale: string,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (ids.length === 0) return out;
  if (dimension === "service") {
    const rows = await db
      .select({ id: service.id, names: service.names })
      .from(service)
      .where(inOrg(service, orgId, inArray(service.id, ids)));
    for (const r of rows) out.set(r.id, nameIn(r.names, locale) ?? r.id);
  } else if (dimension === "channel") {
    const rows = await db
      .select({ id: channel.id, names: channel.names })
      .from(channel)
      .where(inOrg(channel, orgId, inArray(channel.id, ids)));
    for (const r of rows) out.set(r.id, nameIn(r.names, locale) ?? r.id);
  } else if (dimension === "employee") {
    const rows = await db
      .select({ id: employee.id, name: employee.name })
      .from(employee)
      .where(inOrg(employee, orgId, inArray(employee.id, ids)));
    for (const r of rows) out.set(r.id, r.name);
  } else if (dimension === "department") {
    const rows = await db
      .select({ id: department.id, name: department.name })
      .from(department)
      .where(inOrg(department, orgId, inArray(department.id, ids)));
    for (const r of rows) out.set(r.id, r.name);
  } else if (dimension === "serviceType" || dimension === "audience") {
    for (const id of ids) out.set(id, codeLabel(dimension, id, locale));
  }
  return out;
}
