import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { useId } from "react";
import { useIntl } from "react-intl";
import { DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Page } from "../../components/Page.tsx";
import { useT } from "../../i18n/use-t.ts";
import { type AgencyServices, useAgencyServices } from "../../lib/group.ts";
import { useFigureColumns } from "./figure-columns.tsx";
import { GroupFiltersForm } from "./group-filters.tsx";

const route = getRouteApi("/authed/group/agencies/$agencyId");

type Service = AgencyServices["services"][number];

/** One linked agency's figures per service: the ministry's drill-down (no employees, comments or people). */
export function AgencyServicesScreen() {
  const t = useT();
  const { locale } = useIntl();
  const { agencyId } = route.useParams();
  const filters = route.useSearch();
  const navigate = useNavigate();
  const services = useAgencyServices(agencyId, filters, locale);
  const headingId = useId();
  const columns = useFigureColumns<Service>((s) => s);
  const name = services.data?.agency.name;
  return (
    <Page title={name ? t("group.services.title", { name }) : t("group.services.loading")}>
      <p>
        <Link to="/group" search={filters}>
          {t("group.back")}
        </Link>
      </p>
      <p>{t("group.services.help")}</p>
      <GroupFiltersForm
        key={JSON.stringify(filters)}
        filters={filters}
        withSplit={false}
        onChange={(search) => navigate({ to: "/group/agencies/$agencyId", params: { agencyId }, search })}
      />
      <ErrorAlert error={services.error} />
      {services.isPending ? (
        <Loading />
      ) : services.data ? (
        <section aria-labelledby={headingId}>
          <h2 id={headingId}>{t("dash.by.service")}</h2>
          <DataTable
            labelledBy={headingId}
            rows={services.data.services}
            rowKey={(s) => s.serviceId ?? "none"}
            empty={t("dash.empty")}
            columns={[
              { header: t("dash.col.name"), cell: (s) => s.name ?? t("dash.unassigned") },
              {
                header: t("dash.serviceType"),
                cell: (s) =>
                  s.serviceType ? t(`serviceType.${s.serviceType}` as "serviceType.training") : "",
              },
              ...columns,
            ]}
          />
        </section>
      ) : null}
    </Page>
  );
}
