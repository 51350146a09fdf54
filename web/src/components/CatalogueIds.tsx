import { useId } from "react";
import { useIntl } from "react-intl";
import { useT } from "../i18n/use-t.ts";
import { useList } from "../lib/catalogue.ts";
import { pickName } from "../lib/names.ts";
import type { Channel, Department, Employee, Service } from "../lib/types.ts";
import { DataTable } from "./DataTable.tsx";

/** A collapsed list of the catalogue's names, codes and ids, for filling in the *_id columns of a file. */
export function CatalogueIds() {
  const t = useT();
  const { locale } = useIntl();
  const services = useList<Service>("services", false);
  const departments = useList<Department>("departments", false);
  const employees = useList<Employee>("employees", false);
  const channels = useList<Channel>("channels", false);
  const groups = [
    {
      title: t("nav.services"),
      items: (services.data ?? []).map((s) => [s.id, pickName(s.names, locale), s.code]),
    },
    { title: t("nav.departments"), items: (departments.data ?? []).map((d) => [d.id, d.name, d.code]) },
    { title: t("nav.employees"), items: (employees.data ?? []).map((e) => [e.id, e.name, e.code]) },
    {
      title: t("nav.channels"),
      items: (channels.data ?? []).map((c) => [c.id, pickName(c.names, locale), c.code]),
    },
  ];
  return (
    <details className="help">
      <summary>{t("import.ids")}</summary>
      {groups.map((g) => (
        <IdTable key={g.title} title={g.title} items={g.items as TRow[]} />
      ))}
    </details>
  );
}

type TRow = [id: string, name: string, code: string | null];

function IdTable({ title, items }: { title: string; items: TRow[] }) {
  const t = useT();
  const id = useId();
  return (
    <>
      <h3 id={id}>{title}</h3>
      <DataTable
        labelledBy={id}
        rows={items}
        rowKey={([key]) => key}
        empty={t("import.idsEmpty")}
        columns={[
          { header: t("field.name"), cell: ([, name]) => name },
          { header: t("field.code"), cell: ([, , code]) => (code ? <code>{code}</code> : "") },
          { header: t("import.id"), cell: ([key]) => <code>{key}</code> },
        ]}
      />
    </>
  );
}
