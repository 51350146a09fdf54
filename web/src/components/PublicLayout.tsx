import { Outlet } from "@tanstack/react-router";
import { Main } from "./Main.tsx";

/** Screens that work without a session (sign-in, password reset, invitations). */
export function PublicLayout() {
  return (
    <Main>
      <div className="narrow">
        <Outlet />
      </div>
    </Main>
  );
}
