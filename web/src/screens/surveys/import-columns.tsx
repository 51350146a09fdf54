import { useId } from "react";
import { DataTable } from "../../components/DataTable.tsx";
import type { MessageId } from "../../i18n/messages.ts";
import { useT } from "../../i18n/use-t.ts";
import { CatalogueIds } from "../../components/CatalogueIds.tsx";

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
