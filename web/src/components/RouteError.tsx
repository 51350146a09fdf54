import { useT } from "../i18n/use-t.ts";
import { Main } from "./Main.tsx";

/** Shown when a screen fails to load or render (e.g. its code changed after an upgrade). */
export function RouteError() {
  const t = useT();
  return (
    <Main>
      <div role="alert" className="alert error">
        <p>{t("error.screen")}</p>
        <button type="button" onClick={() => window.location.reload()}>
          {t("error.reload")}
        </button>
      </div>
    </Main>
  );
}
