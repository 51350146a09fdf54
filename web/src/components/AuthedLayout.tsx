import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link, Outlet, useLocation, useNavigate, useRouter } from "@tanstack/react-router";
import { useEffect, useRef } from "react";
import { useT } from "../i18n/use-t.ts";
import { api, isUnauthorized } from "../api.ts";
import { useMe } from "../lib/me.ts";
import { ErrorAlert } from "./ErrorAlert.tsx";
import { Loading } from "./Loading.tsx";
import { Main } from "./Main.tsx";
import { MailModeBanner } from "./MailModeBanner.tsx";
import { MainNav } from "./MainNav.tsx";
import { Page } from "./Page.tsx";

/** Screens for signed-in staff: sends others to sign-in and makes sure an organisation is active. */
export function AuthedLayout() {
  const t = useT();
  const me = useMe();
  const router = useRouter();
  const navigate = useNavigate();
  const redirected = useRef(false);
  const queryClient = useQueryClient();
  const activate = useMutation({
    mutationFn: (organizationId: string) => api.post("/api/v1/me/active-organization", { organizationId }),
    onSettled: () => queryClient.invalidateQueries(),
  });
  const data = me.data;
  const needsActive =
    !!data &&
    data.organizations.length > 0 &&
    !data.organizations.some((o) => o.id === data.activeOrganizationId);
  const firstOrg = data?.organizations[0]?.id;
  const { mutate, isIdle } = activate;
  const pathname = useLocation({ select: (l) => l.pathname });
  const activeOrg = data?.organizations.find((o) => o.id === data.activeOrganizationId);
  // The organisation refuses this member until they set up two-factor sign-in: only their security screen opens.
  const mustEnrol = !!activeOrg?.requiresTwoFactor && !data?.user.twoFactorEnabled;

  useEffect(() => {
    // A session without an active organisation starts in the first one.
    if (needsActive && firstOrg && isIdle) mutate(firstOrg);
  }, [needsActive, firstOrg, isIdle, mutate]);

  const signedOut = isUnauthorized(me.error);

  useEffect(() => {
    // Once only: the location changes while the sign-in screen loads, and must not feed the redirect back.
    if (!signedOut || redirected.current) return;
    redirected.current = true;
    void navigate({ to: "/sign-in", search: { redirect: router.state.location.href }, replace: true });
  }, [signedOut, navigate, router]);

  if (signedOut) {
    return (
      <Main>
        <Loading />
      </Main>
    );
  }
  if (me.error || activate.error) {
    return (
      <Main>
        <ErrorAlert error={me.error ?? activate.error} />
      </Main>
    );
  }
  if (!data || needsActive) {
    return (
      <Main>
        <Loading />
      </Main>
    );
  }
  if (data.organizations.length === 0) {
    return (
      <Main>
        <Page title={t("noOrg.title")}>
          <p>{t("noOrg.text")}</p>
        </Page>
      </Main>
    );
  }
  if (mustEnrol && activeOrg && !pathname.endsWith("/security")) {
    return (
      <Main>
        <Page title={t("twoFactor.requiredBlock.title")}>
          <p role="alert" className="alert error">
            {t("twoFactor.requiredBlock.text", { org: activeOrg.name })}
          </p>
          <p>
            <Link to="/security">{t("twoFactor.requiredBlock.link")}</Link>
          </p>
        </Page>
      </Main>
    );
  }
  return (
    <div className="app-shell">
      <MainNav />
      <div className="app-content">
        <MailModeBanner />
        <Main>
          <Outlet />
        </Main>
      </div>
    </div>
  );
}
