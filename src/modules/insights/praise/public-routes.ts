import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import type { AppDeps } from "../../../context.ts";
import { uiLocale } from "../../../i18n/locales.ts";
import {
  praiseWallNotFoundPage,
  praiseWallPage,
  WALL_SCRIPT,
  WALL_SCRIPT_PATH,
} from "../../../views/praise-wall.ts";
import { widgetPage } from "../../../views/widget.ts";
import { findApprovedPraise, findWallOrganization } from "./praise-wall.ts";
import { findWidgetOrganization } from "./public-widget.ts";
import { widgetFigures } from "./widget-figures.ts";

const ZPageQuery = z.object({
  lang: z.string().max(10).optional(),
  refresh: z.enum(["on", "off"]).optional(),
});

function sendPage(reply: FastifyReply, status: number, page: string) {
  return reply
    .status(status)
    .header("cache-control", "no-store")
    .header("referrer-policy", "no-referrer")
    .type("text/html; charset=utf-8")
    .send(page);
}

/** Lets any website frame this one response (the app's default forbids framing everywhere). */
function allowAnyFraming(reply: FastifyReply): void {
  reply.removeHeader("x-frame-options");
  reply.header(
    "content-security-policy",
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors *",
  );
}

/** The public praise wall (/wall/:token) and the embeddable widget (/widget/:orgSlug); no sign-in. */
export function registerPraisePublicRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get("/wall/:token", { schema: { hide: true } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    const query = ZPageQuery.safeParse(request.query);
    const q = query.success ? query.data : {};
    const org = await findWallOrganization(deps.db, token);
    if (!org) return sendPage(reply, 404, praiseWallNotFoundPage(uiLocale(q.lang)));
    const locale = uiLocale(q.lang ?? org.defaultLocale);
    const refresh = q.refresh !== "off";
    const items = await findApprovedPraise(deps.db, org.id, { locale, timeZone: org.timeZone });
    const toggleHref = `?lang=${locale}&refresh=${refresh ? "off" : "on"}`;
    const selfHref = `?lang=${locale}&refresh=${refresh ? "on" : "off"}`;
    return sendPage(
      reply,
      200,
      praiseWallPage({ locale, orgName: org.name, items, refresh, toggleHref, selfHref }),
    );
  });

  app.get(WALL_SCRIPT_PATH, { schema: { hide: true } }, async (_request, reply) => {
    return reply
      .header("cache-control", "public, max-age=3600")
      .type("text/javascript; charset=utf-8")
      .send(WALL_SCRIPT);
  });

  app.get("/widget/:orgSlug", { schema: { hide: true } }, async (request, reply) => {
    const { orgSlug } = request.params as { orgSlug: string };
    const query = ZPageQuery.safeParse(request.query);
    const lang = query.success ? query.data.lang : undefined;
    const org = orgSlug.length <= 100 ? await findWidgetOrganization(deps.db, orgSlug) : null;
    if (!org) return sendPage(reply, 404, praiseWallNotFoundPage(uiLocale(lang)));
    const locale = uiLocale(lang ?? org.defaultLocale);
    const figures = await widgetFigures(deps.db, org, locale);
    allowAnyFraming(reply);
    return sendPage(reply, 200, widgetPage({ locale, orgName: org.name, ...figures }));
  });
}
