import type { FastifyInstance } from "fastify";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { CLIENT_IP_HEADER } from "../../auth/auth.ts";
import { findEnabledSso, SSO_ERRORS, signInPage, ssoProviderId } from "../../auth/org-sso.ts";
import type { AppDeps } from "../../context.ts";
import { organization } from "../../db/schema.ts";

const ZStartQuery = z.object({ org: z.string().trim().toLowerCase().max(100).optional() });

/**
 * `GET /api/sso/start?org=<short name>`: the sign-in page's "Sign in with your organisation's account" form
 * (a plain GET form, so it works without JavaScript). Finds the organisation by its short name, asks better-auth
 * for the provider's authorization URL (setting the signed state cookie) and redirects there. Anything wrong
 * ends on the sign-in page with `?error=`, which the page translates.
 */
export function registerSsoStart(app: FastifyInstance, deps: AppDeps): void {
  const base = deps.config.publicUrl;
  app.get("/api/sso/start", { schema: { hide: true } }, async (request, reply) => {
    reply.header("cache-control", "no-store");
    const query = ZStartQuery.safeParse(request.query);
    const slug = query.success ? query.data.org : undefined;
    // Back to the sign-in page with the code (translated there) and the name typed, to correct it.
    const fail = (code: string) =>
      reply.redirect(`${signInPage(base, code)}${slug ? `&org=${encodeURIComponent(slug)}` : ""}`, 303);
    if (!slug) return fail(SSO_ERRORS.unknownOrganisation);
    const [org] = await deps.db
      .select({ id: organization.id })
      .from(organization)
      .where(eq(organization.slug, slug));
    // One answer for "no such organisation" and "no single sign-on": the form reveals no organisation list.
    if (!org || !(await findEnabledSso(deps.db, org.id))) return fail(SSO_ERRORS.unknownOrganisation);
    const origin = new URL(base).origin;
    try {
      const headers = new Headers({ [CLIENT_IP_HEADER]: request.ip });
      const ua = request.headers["user-agent"];
      if (ua) headers.set("user-agent", ua);
      const result = (await deps.auth.api.signInSocial({
        body: {
          provider: ssoProviderId(org.id),
          callbackURL: `${origin}/app/`,
          errorCallbackURL: signInPage(base),
          disableRedirect: true,
        },
        headers,
        returnHeaders: true,
      })) as { headers: Headers; response: { url?: string } };
      if (!result.response.url) return fail(SSO_ERRORS.failed);
      for (const cookie of result.headers.getSetCookie()) reply.header("set-cookie", cookie);
      return reply.redirect(result.response.url, 303);
    } catch (err) {
      const code = (err as { body?: { code?: unknown } }).body?.code;
      if (code !== SSO_ERRORS.unreachable) request.log.warn({ err }, "single sign-on could not start");
      return fail(code === SSO_ERRORS.unreachable ? code : SSO_ERRORS.failed);
    }
  });
}
