import { useId } from "react";
import { CatalogueIds } from "../../components/CatalogueIds.tsx";
import { DataTable } from "../../components/DataTable.tsx";
import type { MessageId } from "../../i18n/messages.ts";
import { useT } from "../../i18n/use-t.ts";

/** The bulk file's columns, as the server reads them (header row, any order; CSV with , or ; or XLSX). */
const COLUMNS: { name: string; about: MessageId }[] = [
  { name: "email", about: "bulkColumn.email" },
  { name: "name", about: "bulkColumn.name" },
  { name: "locale", about: "bulkColumn.locale" },
  { name: "external_id", about: "bulkColumn.external_id" },
  { name: "phone", about: "bulkColumn.phone" },
  { name: "occurred_at", about: "bulkColumn.occurred_at" },
  { name: "service_id", about: "importColumn.service_id" },
  { name: "department_id", about: "importColumn.department_id" },
  { name: "employee_id", about: "importColumn.employee_id" },
  { name: "channel_id", about: "importColumn.channel_id" },
  { name: "audience", about: "importColumn.audience" },
];

const TEMPLATE = `${COLUMNS.map((c) => c.name).join(",")}\r\n`;

/** Documents the columns of a bulk file and offers an empty template. */
export function BulkColumns() {
  const t = useT();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("import.columns")}</h2>
      <p>{t("bulk.columnsIntro")}</p>
      <DataTable
        labelledBy={headingId}
        rows={COLUMNS}
        rowKey={(c) => c.name}
        empty=""
        columns={[
          { header: t("import.column"), cell: (c) => <code>{c.name}</code> },
          { header: t("import.columnContent"), cell: (c) => t(c.about) },
        ]}
      />
      <p>
        <a href={`data:text/csv;charset=utf-8,${encodeURIComponent(TEMPLATE)}`} download="kaja-saatmine.csv">
          {t("import.template")}
        </a>
      </p>
      <CatalogueIds />
    </section>
  );
}
