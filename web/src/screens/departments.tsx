import { useIntl } from "react-intl";
import { CatalogueScreen } from "../components/CatalogueScreen.tsx";
import { useT } from "../i18n/use-t.ts";
import { departmentTree } from "../lib/departments.ts";
import { useDepartments } from "../lib/lookups.ts";
import type { Department } from "../lib/types.ts";
import { DepartmentForm } from "./department-form.tsx";

/** Departments as a tree: each under its parent, indented. */
export function DepartmentsScreen() {
  const t = useT();
  const { locale } = useIntl();
  const { departments, nameOf } = useDepartments();
  // The tree order also yields each row's depth, read by the name cell in the same render.
  const depths = new Map<string, number>();
  const order = (items: Department[]) =>
    departmentTree(items, locale).map(({ department, depth }) => {
      depths.set(department.id, depth);
      return department;
    });
  return (
    <CatalogueScreen<Department>
      resource="departments"
      text={{
        title: t("departments.title"),
        list: t("departments.list"),
        showArchived: t("departments.showArchived"),
        empty: t("departments.empty"),
      }}
      nameOf={(d) => d.name}
      order={order}
      columns={[
        {
          header: t("field.name"),
          cell: (d) => (
            <span className="tree-name" style={{ paddingInlineStart: `${(depths.get(d.id) ?? 0) * 1.5}rem` }}>
              {d.name}
            </span>
          ),
        },
        { header: t("field.parentDepartment"), cell: (d) => nameOf(d.parentId) },
      ]}
      form={({ item, onDone }) => (
        <DepartmentForm department={item} departments={departments} onDone={onDone} />
      )}
    />
  );
}
