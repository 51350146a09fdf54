import type { Department } from "./types.ts";

export type DepartmentRow = { department: Department; depth: number };

/** Orders departments as a tree (parents before children, siblings by name) with each one's depth. */
export function departmentTree(departments: Department[], locale: string): DepartmentRow[] {
  const ids = new Set(departments.map((d) => d.id));
  const children = new Map<string | null, Department[]>();
  for (const d of departments) {
    // A parent outside the list (e.g. archived and hidden) makes the child a root.
    const parent = d.parentId && ids.has(d.parentId) ? d.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), d]);
  }
  const rows: DepartmentRow[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    const list = [...(children.get(parent) ?? [])].sort((a, b) => a.name.localeCompare(b.name, locale));
    for (const d of list) {
      if (seen.has(d.id)) continue;
      seen.add(d.id);
      rows.push({ department: d, depth });
      walk(d.id, depth + 1);
    }
  };
  walk(null, 0);
  // Anything left is caught in a parent loop; show it rather than hide it.
  for (const d of departments) if (!seen.has(d.id)) rows.push({ department: d, depth: 0 });
  return rows;
}

/** The ids of a department and everything below it (it cannot become its own parent). */
export function subtreeIds(departments: Department[], rootId: string): Set<string> {
  const result = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of departments) {
      if (d.parentId && result.has(d.parentId) && !result.has(d.id)) {
        result.add(d.id);
        grew = true;
      }
    }
  }
  return result;
}
