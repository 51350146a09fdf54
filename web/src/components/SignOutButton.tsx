import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useT } from "../i18n/use-t.ts";
import { api, forgetCsrf } from "../api.ts";

/** Ends the session, forgets every cached answer and returns to sign-in. */
export function SignOutButton() {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);

  const signOut = async () => {
    setPending(true);
    try {
      await api.post("/api/auth/sign-out", {});
    } catch {
      // Even if the server could not be told, leave this screen; the session cookie may already be gone.
    } finally {
      forgetCsrf();
      await navigate({ to: "/sign-in", search: { notice: "signed-out" } });
      await queryClient.resetQueries();
      setPending(false);
    }
  };

  return (
    <button type="button" onClick={signOut} disabled={pending}>
      {t("layout.signOut")}
    </button>
  );
}
