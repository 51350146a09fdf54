import { Link } from "@tanstack/react-router";
import { useT } from "../i18n/use-t.ts";
import { Main } from "../components/Main.tsx";
import { Page } from "../components/Page.tsx";

/** Unknown addresses under /app. */
export function NotFound() {
  const t = useT();
  return (
    <Main>
      <Page title={t("notFound.title")}>
        <p>{t("notFound.text")}</p>
        <p>
          <Link to="/">{t("notFound.home")}</Link>
        </p>
      </Page>
    </Main>
  );
}
