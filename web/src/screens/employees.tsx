import { Link } from "@tanstack/react-router";
import { CatalogueScreen } from "../components/CatalogueScreen.tsx";
import { useT } from "../i18n/use-t.ts";
import { useDepartments } from "../lib/lookups.ts";
import { useCan } from "../lib/me.ts";
import { useMembers } from "../lib/members.ts";
import type { Employee } from "../lib/types.ts";
import { EmployeeForm } from "./employee-form.tsx";

/** Employees whose service customers rate. */
export function EmployeesScreen() {
  const t = useT();
  const { departments, nameOf } = useDepartments();
  const canReadQuality = useCan("quality:read");
  const canReadMembers = useCan("members:read");
  const members = useMembers();
  const userOf = (e: Employee) => {
    if (!e.userId) return t("month.employee.noUser");
    const m = canReadMembers ? members.data?.find((x) => x.userId === e.userId) : undefined;
    return m ? m.email : t("common.yes");
  };
  return (
    <CatalogueScreen<Employee>
      resource="employees"
      text={{
        title: t("employees.title"),
        list: t("employees.list"),
        showArchived: t("employees.showArchived"),
        empty: t("employees.empty"),
      }}
      nameOf={(e) => e.name}
      columns={[
        { header: t("field.personName"), cell: (e) => e.name },
        { header: t("field.email"), cell: (e) => e.email ?? "" },
        { header: t("field.department"), cell: (e) => nameOf(e.departmentId) },
        { header: t("month.employee.col.user"), cell: userOf },
        ...(canReadQuality
          ? [
              {
                header: t("quality.employeePage"),
                cell: (e: Employee) => (
                  <Link
                    to="/quality/employees/$employeeId"
                    params={{ employeeId: e.id }}
                    aria-label={t("quality.overview.title", { name: e.name })}
                  >
                    {t("quality.employeePage")}
                  </Link>
                ),
              },
            ]
          : []),
      ]}
      form={({ item, onDone }) => <EmployeeForm employee={item} departments={departments} onDone={onDone} />}
    />
  );
}
