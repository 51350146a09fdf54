import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { UI_LOCALES, uiLocale } from "../../i18n/locales.ts";
import { sendHtml } from "../../views/page-reply.ts";
import { weDidNotFoundPage, weDidPage } from "../../views/we-did.ts";
import { findPublicActions, findWeDidOrganization } from "./find-public-actions.ts";

const ZQuery = z.object({ lang: z.string().max(10).optional() });

/** The public "You said, we did" page of an organisation (/we-did/:orgSlug); no sign-in, no script. */
export function registerFollowUpPublicRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get("/we-did/:orgSlug", { schema: { hide: true } }, async (request, reply) => {
    const { orgSlug } = request.params as { orgSlug: string };
    const q = ZQuery.safeParse(request.query);
    const lang = q.success ? q.data.lang : undefined;
    const org = orgSlug.length <= 100 ? await findWeDidOrganization(deps.db, orgSlug) : null;
    if (!org) return sendHtml(reply, 404, weDidNotFoundPage(uiLocale(lang)));
    const actions = await findPublicActions(deps.db, org.id);
    // The languages the organisation wrote its texts in (its default language always).
    const written = new Set([org.defaultLocale, ...actions.flatMap((a) => Object.keys(a.publicTexts))]);
    const languages = UI_LOCALES.filter((l) => written.has(l));
    const locale = uiLocale(lang && written.has(lang) ? lang : org.defaultLocale);
    const month = new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" });
    const items = actions.map((a) => {
      const text = a.publicTexts[locale] ?? a.publicTexts[org.defaultLocale];
      return {
        said: text?.said ?? a.title,
        did: text?.did ?? a.description,
        month: a.completedOn ? month.format(new Date(`${a.completedOn}T00:00:00Z`)) : "",
      };
    });
    const links = languages.filter((l) => l !== locale).map((l) => ({ locale: l, href: `?lang=${l}` }));
    reply.header("cache-control", "public, max-age=300");
    return sendHtml(reply, 200, weDidPage({ locale, orgName: org.name, items, languages: links }));
  });
}
