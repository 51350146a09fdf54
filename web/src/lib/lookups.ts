import { useList } from "./catalogue.ts";
import type { Department } from "./types.ts";

/** All departments, archived included, for choosing and for showing names by id. */
export function useDepartments() {
  const query = useList<Department>("departments", true);
  const departments = query.data ?? [];
  const nameOf = (id: string | null) => (id ? (departments.find((d) => d.id === id)?.name ?? "") : "");
  return { departments, nameOf };
}
