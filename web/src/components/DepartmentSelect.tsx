import { useIntl } from "react-intl";
import { departmentTree } from "../lib/departments.ts";
import type { Department } from "../lib/types.ts";
import { SelectField } from "./Field.tsx";

type DepartmentSelectProps = {
  label: string;
  name: string;
  departments: Department[];
  defaultValue?: string | null;
  /** Departments that may not be chosen (a department's own subtree as its parent). */
  exclude?: Set<string>;
  emptyLabel: string;
  error?: string;
};

/** A select of active departments, indented as a tree; the current choice stays even if archived. */
export function DepartmentSelect({
  departments,
  defaultValue,
  exclude,
  emptyLabel,
  ...field
}: DepartmentSelectProps) {
  const intl = useIntl();
  const choosable = departments.filter(
    (d) => (!d.archivedAt || d.id === defaultValue) && !exclude?.has(d.id),
  );
  return (
    <SelectField {...field} defaultValue={defaultValue ?? ""}>
      <option value="">{emptyLabel}</option>
      {departmentTree(choosable, intl.locale).map(({ department, depth }) => (
        <option key={department.id} value={department.id}>
          {"\u00a0\u00a0\u00a0".repeat(depth)}
          {department.name}
        </option>
      ))}
    </SelectField>
  );
}
