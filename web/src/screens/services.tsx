import { useIntl } from "react-intl";
import { CatalogueScreen } from "../components/CatalogueScreen.tsx";
import { useT } from "../i18n/use-t.ts";
import { useDepartments } from "../lib/lookups.ts";
import { pickName } from "../lib/names.ts";
import type { Service } from "../lib/types.ts";
import { ServiceForm } from "./service-form.tsx";

/** The organisation's services: list, add, edit, archive, restore. */
export function ServicesScreen() {
  const t = useT();
  const { locale } = useIntl();
  const { departments, nameOf } = useDepartments();
  const name = (s: Service) => pickName(s.names, locale);
  return (
    <CatalogueScreen<Service>
      resource="services"
      text={{
        title: t("services.title"),
        list: t("services.list"),
        showArchived: t("services.showArchived"),
        empty: t("services.empty"),
      }}
      nameOf={name}
      columns={[
        { header: t("field.name"), cell: name },
        { header: t("field.serviceType"), cell: (s) => t(`serviceType.${s.type}`) },
        { header: t("field.audience"), cell: (s) => t(`audience.${s.audience}`) },
        { header: t("field.department"), cell: (s) => nameOf(s.departmentId) },
      ]}
      form={({ item, onDone }) => <ServiceForm service={item} departments={departments} onDone={onDone} />}
    />
  );
}
