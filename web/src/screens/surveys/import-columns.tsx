import { useId } from "react";
import { useIntl } from "react-intl";
import { DataTable } from "../../components/DataTable.tsx";
import type { MessageId } from "../../i18n/messages.ts";
import { useT } from "../../i18n/use-t.ts";
import { useList } from "../../lib/catalogue.ts";
import { pickName } from "../../lib/names.ts";
import type { Channel, Department, Employee, Service } from "../../lib/types.ts";

/** The import file's columns, as the server reads them (header row, any order). */
const COLUMNS: { name: string; required: boolean; about: MessageId }[] = [
  { name: "external_id", required: true, about: "importColumn.external_id" },
  { name: "received_at", required: true, about: "importColumn.received_at" },
  { name: "score", required: true, about: "importColumn.score" },
  { name: "satisfaction", required: false, about: "importColumn.satisfaction" },
  { name: "comment", required: false, about: "importColumn.comment" },
  { name: "locale", required: false, about: "importColumn.locale" },
  { name: "service_id", required: false, about: "importColumn.service_id" },
  { name: "department_id", required: false, about: "importColumn.department_id" },
  { name: "employee_id", required: false, about: "importColumn.employee_id" },
  { name: "channel_id", required: false, about: "importColumn.channel_id" },
  { name: "audience", required: false, about: "importColumn.audience" },
];

const TEMPLATE = `${COLUMNS.map((c) => c.name).join(",")}\r\n`;

/** Documents the CSV columns, offers an empty template and lists the catalogue's ids to fill in. */
export function ImportColumns() {
  const t = useT();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("import.columns")}</h2>
      <p>{t("import.columnsIntro")}</p>
      <DataTable
        labelledBy={headingId}
        rows={COLUMNS}
        rowKey={(c) => c.name}
        empty=""
        columns={[
          { header: t("import.column"), cell: (c) => <code>{c.name}</code> },
          { header: t("import.columnRequired"), cell: (c) => t(c.required ? "common.yes" : "common.no") },
          { header: t("import.columnContent"), cell: (c) => t(c.about) },
        ]}
      />
      <p>
        <a href={`data:text/csv;charset=utf-8,${encodeURIComponent(TEMPLATE)}`} download="kaja-import.csv">
          {t("import.template")}
        </a>
      </p>
      <CatalogueIds />
    </section>
  );
}

function CatalogueIds() {
  const t = useT();
  const { locale } = useIntl();
  const services = useList<Service>("services", false);
  const departments = useList<Department>("departments", false);
  const employees = useList<Employee>("employees", false);
  const channels = useList<Channel>("channels", false);
  const groups = [
    { title: t("nav.services"), items: (services.data ?? []).map((s) => [s.id, pickName(s.names, locale)]) },
    { title: t("nav.departments"), items: (departments.data ?? []).map((d) => [d.id, d.name]) },
    { title: t("nav.employees"), items: (employees.data ?? []).map((e) => [e.id, e.name]) },
    { title: t("nav.channels"), items: (channels.data ?? []).map((c) => [c.id, pickName(c.names, locale)]) },
  ];
  return (
    <details className="help">
      <summary>{t("import.ids")}</summary>
      {groups.map((g) => (
        <IdTable key={g.title} title={g.title} items={g.items as [string, string][]} />
      ))}
    </details>
  );
}

function IdTable({ title, items }: { title: string; items: [string, string][] }) {
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
          { header: t("import.id"), cell: ([key]) => <code>{key}</code> },
        ]}
      />
    </>
  );
}
