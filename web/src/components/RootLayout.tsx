import { Outlet } from "@tanstack/react-router";
import type { MouseEvent } from "react";
import { useT } from "../i18n/use-t.ts";
import { Header } from "./Header.tsx";
import { MAIN_ID } from "./Main.tsx";

function skipToMain(event: MouseEvent<HTMLAnchorElement>) {
  // Focus the landmark directly rather than changing the URL's hash under the router.
  const main = document.getElementById(MAIN_ID);
  if (!main) return;
  event.preventDefault();
  main.focus();
  main.scrollIntoView();
}

/** Every screen: skip link, header, then the route (which renders nav and main). */
export function RootLayout() {
  const t = useT();
  return (
    <>
      <a className="skip-link" href={`#${MAIN_ID}`} onClick={skipToMain}>
        {t("layout.skip")}
      </a>
      <Header />
      <Outlet />
    </>
  );
}
