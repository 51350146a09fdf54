import { useIntl } from "react-intl";
import { useList } from "./catalogue.ts";
import { pickName } from "./names.ts";
import { useSurveys } from "./surveys.ts";
import type { Channel, Department, Employee, Service } from "./types.ts";

/** All departments, archived included, for choosing and for showing names by id. */
export function useDepartments() {
  const query = useList<Department>("departments", true);
  const departments = query.data ?? [];
  const nameOf = (id: string | null) => (id ? (departments.find((d) => d.id === id)?.name ?? "") : "");
  return { departments, nameOf };
}

/** Names of every catalogue item and survey by id (archived included), for showing answers' tags. */
export function useNames() {
  const { locale } = useIntl();
  const services = useList<Service>("services", true);
  const departments = useList<Department>("departments", true);
  const employees = useList<Employee>("employees", true);
  const channels = useList<Channel>("channels", true);
  const surveys = useSurveys(true);
  const find = <T extends { id: string }>(
    items: T[] | undefined,
    id: string | null,
    name: (x: T) => string,
  ) => {
    const item = id ? items?.find((x) => x.id === id) : undefined;
    return item ? name(item) : "";
  };
  return {
    services: services.data ?? [],
    departments: departments.data ?? [],
    employees: employees.data ?? [],
    channels: channels.data ?? [],
    surveys: surveys.data ?? [],
    service: (id: string | null) => find(services.data, id, (s) => pickName(s.names, locale)),
    department: (id: string | null) => find(departments.data, id, (d) => d.name),
    employee: (id: string | null) => find(employees.data, id, (e) => e.name),
    channel: (id: string | null) => find(channels.data, id, (c) => pickName(c.names, locale)),
    survey: (id: string | null) => find(surveys.data, id, (s) => s.name),
  };
}
