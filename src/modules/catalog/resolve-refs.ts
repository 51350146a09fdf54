import type { Db } from "../../db/connect.ts";
import { channel, department, employee, service } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { t } from "../../i18n/account-mail.ts";

/** The catalogue tables a file row can point at. */
export const REF_KINDS = ["service", "department", "employee", "channel"] as const;
export type TRefKind = (typeof REF_KINDS)[number];

/** One catalogue item as a file's reference finds it. */
export interface TRefItem {
  id: string;
  code: string | null;
  /** The name shown in reports (the Estonian one where there are several). */
  name: string;
  archived: boolean;
}

export type TResolved =
  | { ok: true; item: TRefItem; by: "id" | "code" | "name" }
  | { ok: false; problem: "unknown" }
  | { ok: false; problem: "ambiguous"; items: TRefItem[] };

/** What one value of a file's column was read as, with the first lines that gave it. */
export interface TRefMatch {
  kind: TRefKind;
  given: string;
  by: "id" | "code" | "name";
  id: string;
  code: string | null;
  name: string;
  /** How many rows gave this value. */
  rows: number;
  /** The first few of those lines. */
  lines: number[];
}

const MATCH_LINES = 5;
const key = (s: string) => s.trim().toLocaleLowerCase();

interface TIndex {
  byId: Map<string, TRefItem>;
  byCode: Map<string, TRefItem>;
  byName: Map<string, TRefItem[]>;
}

/** The catalogue of one organisation indexed for files: an id, a code or an exact name (any case) finds an item. */
export interface TCatalogueRefs {
  /**
   * Reads a file's value: an id of the organisation's, else a code, else a name. A name that two items share
   * (archived ones left aside while a current one has it) is ambiguous.
   */
  resolve(kind: TRefKind, raw: string): TResolved;
  /** resolve, noting the match under `line` for the report. */
  resolveAt(kind: TRefKind, raw: string, line: number): TResolved;
  /** Every value that matched, in the order first met. */
  matches(): TRefMatch[];
}

/**
 * Loads the organisation's services, departments, employees and channels once (archived ones included). The four
 * reads run one after the other: `db` may be a transaction, whose one connection takes one statement at a time.
 */
export async function loadCatalogueRefs(db: Db, orgId: string): Promise<TCatalogueRefs> {
  const services = await db
    .select({ id: service.id, code: service.code, names: service.names, archivedAt: service.archivedAt })
    .from(service)
    .where(inOrg(service, orgId));
  const departments = await db
    .select({
      id: department.id,
      code: department.code,
      name: department.name,
      archivedAt: department.archivedAt,
    })
    .from(department)
    .where(inOrg(department, orgId));
  const employees = await db
    .select({ id: employee.id, code: employee.code, name: employee.name, archivedAt: employee.archivedAt })
    .from(employee)
    .where(inOrg(employee, orgId));
  const channels = await db
    .select({ id: channel.id, code: channel.code, names: channel.names, archivedAt: channel.archivedAt })
    .from(channel)
    .where(inOrg(channel, orgId));
  const many = (
    rows: { id: string; code: string | null; names: Record<string, string>; archivedAt: Date | null }[],
  ) =>
    rows.map((r) => ({
      item: {
        id: r.id,
        code: r.code,
        name: r.names.et ?? Object.values(r.names)[0] ?? r.id,
        archived: Boolean(r.archivedAt),
      },
      names: Object.values(r.names),
    }));
  const one = (rows: { id: string; code: string | null; name: string; archivedAt: Date | null }[]) =>
    rows.map((r) => ({
      item: { id: r.id, code: r.code, name: r.name, archived: Boolean(r.archivedAt) },
      names: [r.name],
    }));
  const indexes: Record<TRefKind, TIndex> = {
    service: index(many(services)),
    department: index(one(departments)),
    employee: index(one(employees)),
    channel: index(many(channels)),
  };
  const found = new Map<string, TRefMatch>();

  function resolve(kind: TRefKind, raw: string): TResolved {
    const { byId, byCode, byName } = indexes[kind];
    const value = raw.trim();
    const asId = byId.get(value);
    if (asId) return { ok: true, item: asId, by: "id" };
    const asCode = byCode.get(key(value));
    if (asCode) return { ok: true, item: asCode, by: "code" };
    const named = byName.get(key(value)) ?? [];
    const current = named.filter((i) => !i.archived);
    const candidates = current.length ? current : named;
    if (candidates.length === 1) return { ok: true, item: candidates[0], by: "name" };
    if (candidates.length > 1) return { ok: false, problem: "ambiguous", items: candidates };
    return { ok: false, problem: "unknown" };
  }

  return {
    resolve,
    resolveAt(kind, raw, line) {
      const r = resolve(kind, raw);
      if (!r.ok) return r;
      const given = raw.trim();
      const k = `${kind}\u0000${given}`;
      const m = found.get(k);
      if (m) {
        m.rows += 1;
        if (m.lines.length < MATCH_LINES) m.lines.push(line);
      } else {
        const { id, code, name } = r.item;
        found.set(k, { kind, given, by: r.by, id, code, name, rows: 1, lines: [line] });
      }
      return r;
    },
    matches: () => [...found.values()],
  };
}

function index(entries: { item: TRefItem; names: string[] }[]): TIndex {
  const byId = new Map<string, TRefItem>();
  const byCode = new Map<string, TRefItem>();
  const byName = new Map<string, TRefItem[]>();
  for (const { item, names } of entries) {
    byId.set(item.id, item);
    if (item.code) byCode.set(key(item.code), item);
    for (const n of new Set(names.map(key))) {
      const list = byName.get(n);
      if (list) list.push(item);
      else byName.set(n, [item]);
    }
  }
  return { byId, byCode, byName };
}

/** A file row's problem with a value that found no item, or more than one, in the row's language. */
export function referenceProblem(
  r: Exclude<TResolved, { ok: true }>,
  column: string,
  given: string,
  kind: TRefKind,
  locale: string,
): string {
  const value = given.trim().slice(0, 80);
  if (r.problem === "unknown") return t(locale, "row.ref.unknown", { column, value, kind });
  const codes = r.items
    .map((i) =>
      i.code ? t(locale, "row.ref.code", { code: i.code }) : t(locale, "row.ref.noCode", { id: i.id }),
    )
    .join(", ");
  return t(locale, "row.ref.ambiguous", { column, value, codes });
}
