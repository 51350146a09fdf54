import { useMutation, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { useEffect, useRef } from "react";
import { useT } from "../i18n/use-t.ts";
import { api, isUnauthorized } from "../api.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { Loading } from "../components/Loading.tsx";
import { Page } from "../components/Page.tsx";
import { useMe } from "../lib/me.ts";

const route = getRouteApi("/public/accept-invitation");

/** Accepts the invitation; the server makes its organisation the active one in the same step. */
const acceptInvitation = (invitationId: string) =>
  api.post<{ organizationId: string; role: string }>(
    `/api/v1/invitations/${encodeURIComponent(invitationId)}/accept`,
  );

/** Accepts an invitation (?id=…) for a signed-in user, or explains how to sign in first. */
export function AcceptInvitationScreen() {
  const t = useT();
  const { id } = route.useSearch();
  const me = useMe();
  const queryClient = useQueryClient();
  const accept = useMutation({
    mutationFn: acceptInvitation,
    onSuccess: () => queryClient.invalidateQueries(),
  });
  const started = useRef(false);
  const signedIn = !!me.data;
  const { mutate } = accept;

  useEffect(() => {
    if (id && signedIn && !started.current) {
      started.current = true;
      mutate(id);
    }
  }, [id, signedIn, mutate]);

  const title = t("accept.title");
  if (!id) {
    return (
      <Page title={title}>
        <p role="alert" className="alert error">
          {t("accept.noId")}
        </p>
      </Page>
    );
  }
  if (me.error && isUnauthorized(me.error)) {
    return (
      <Page title={title}>
        <p>{t("accept.signInFirst")}</p>
        <p>
          <Link to="/sign-in" search={{ redirect: `/accept-invitation?id=${encodeURIComponent(id)}` }}>
            {t("accept.signIn")}
          </Link>
        </p>
        <p>{t("accept.noPassword")}</p>
        <p>
          <Link to="/forgot-password">{t("accept.setPassword")}</Link>
        </p>
      </Page>
    );
  }
  if (me.error) {
    return (
      <Page title={title}>
        <ErrorAlert error={me.error} />
      </Page>
    );
  }
  return (
    <Page title={title}>
      {(me.isPending || accept.isPending || accept.isIdle) && <Loading />}
      {accept.isSuccess && (
        <>
          <p role="status" className="alert success">
            {t("accept.done")}
          </p>
          <p>
            <Link to="/services">{t("accept.continue")}</Link>
          </p>
        </>
      )}
      {accept.isError && (
        <>
          <ErrorAlert error={accept.error} />
          <p>{t("accept.wrongUser", { email: me.data?.user.email ?? "" })}</p>
        </>
      )}
    </Page>
  );
}
