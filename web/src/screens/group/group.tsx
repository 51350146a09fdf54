import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { Page } from "../../components/Page.tsx";
import { useT } from "../../i18n/use-t.ts";
import { useGroupLinks } from "../../lib/group.ts";
import { useCan } from "../../lib/me.ts";
import { GroupFiguresSection } from "./group-figures.tsx";
import { GroupFiltersForm } from "./group-filters.tsx";
import { OverseenLinks, ParentLinks } from "./group-links.tsx";

const route = getRouteApi("/authed/group");

/**
 * The ministry view: the agencies that agreed to share their figures, side by side and pooled, and the links in both
 * directions (agencies this organisation oversees, parent bodies that oversee it).
 */
export function GroupScreen() {
  const t = useT();
  const filters = route.useSearch();
  const navigate = useNavigate();
  const canManage = useCan("group:manage");
  const links = useGroupLinks();
  const overseesAny = (links.data?.overseen.length ?? 0) > 0;
  const hasParents = (links.data?.parents.length ?? 0) > 0;
  return (
    <Page title={t("group.title")}>
      <p>{t("group.intro")}</p>
      {overseesAny && (
        <>
          <GroupFiltersForm
            key={JSON.stringify(filters)}
            filters={filters}
            onChange={(search) => navigate({ to: "/group", search })}
          />
          <GroupFiguresSection filters={filters} />
        </>
      )}
      <OverseenLinks canManage={canManage} />
      {(hasParents || canManage) && <ParentLinks canManage={canManage} />}
    </Page>
  );
}
