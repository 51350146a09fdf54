import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { UI_LOCALES, uiLocale } from "../../i18n/locales.ts";
import { neutralLocale } from "../../views/locale.ts";
import { sendHtml } from "../../views/page-reply.ts";
import { recoveryPage } from "../../views/recovery-page.ts";
import { closedPage, notFoundPage, tooManyRequestsPage } from "../../views/status-pages.ts";
import { weDidNotFoundPage, weDidPage } from "../../views/we-did.ts";
import { type LimitLinkRequestsOptions, limitLinkRequests } from "../responses/limit-link-requests.ts";
import { findPublicActions, findWeDidOrganization } from "./find-public-actions.ts";
import { recordRecoveryAnswer, unsafeFindCaseByRecoveryToken } from "./recovery-answer.ts";
import { RECOVERY_ANSWERS, type TRecoveryAnswer } from "./send-recovery-questions.ts";

const ZQuery = z.object({ lang: z.string().max(10).optional() });

/** The public "You said, we did" page of an organisation (/we-did/:orgSlug); no sign-in, no script. */
export function registerFollowUpPublicRoutes(
  app: FastifyInstance,
  deps: AppDeps,
  limits: LimitLinkRequestsOptions = {},
): void {
  registerRecoveryPages(app, deps, limits);
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
    const links = languages.map((l) => ({ locale: l, href: `?lang=${l}` }));
    reply.header("cache-control", "public, max-age=300");
    return sendHtml(reply, 200, weDidPage({ locale, orgName: org.name, items, languages: links }));
  });
}

const readAnswer = (v: unknown): TRecoveryAnswer | undefined => RECOVERY_ANSWERS.find((a) => a === v);

/**
 * The recovery question's page (/r/:token): the e-mail's links preselect yes, partly or no; the form's button
 * records it on the case. Unknown, malformed and tampered tokens get the survey links' one 404 page; after
 * the answer window the page is closed (410).
 */
function registerRecoveryPages(app: FastifyInstance, deps: AppDeps, limits: LimitLinkRequestsOptions): void {
  app.register(async (pub) => {
    type TRequest = FastifyRequest<{ Params: { token: string }; Querystring: Record<string, unknown> }>;
    const neutral = (request: FastifyRequest) => {
      const q = request.query as Record<string, unknown>;
      return neutralLocale(q.lang, request.headers["accept-language"]);
    };
    pub.setErrorHandler((err, request, reply) => {
      const limited = (err as { statusCode?: number }).statusCode === 429;
      if (!limited) throw err;
      return sendHtml(reply, 429, tooManyRequestsPage(neutral(request)));
    });
    pub.addHook("onSend", async (_request, reply) => {
      reply.header("cache-control", "no-store");
      // The token is in the URL: no page may pass it on as a referrer.
      reply.header("referrer-policy", "no-referrer");
    });
    const opts = { schema: { hide: true }, onRequest: limitLinkRequests(limits) };

    async function load(request: TRequest, reply: FastifyReply) {
      const c = await unsafeFindCaseByRecoveryToken(deps.db, request.params.token);
      if (!c) {
        sendHtml(reply, 404, notFoundPage(neutral(request)));
        return null;
      }
      if (c.until <= new Date()) {
        sendHtml(reply, 410, closedPage(c.locale, c.org.name));
        return null;
      }
      return c;
    }
    const page = (
      c: NonNullable<Awaited<ReturnType<typeof unsafeFindCaseByRecoveryToken>>>,
      token: string,
      o: { chosen?: string; saved: boolean; error?: boolean },
    ) =>
      recoveryPage({
        locale: c.locale,
        orgName: c.org.name,
        action: `/r/${token}`,
        until: c.until,
        timeZone: c.org.timeZone,
        ...o,
      });

    pub.get("/r/:token", opts, async (request: TRequest, reply) => {
      const c = await load(request, reply);
      if (!c) return reply;
      const chosen = readAnswer(request.query.answer) ?? c.recovery ?? undefined;
      const saved = c.recovery !== null && request.query.answer === undefined;
      return sendHtml(reply, 200, page(c, request.params.token, { chosen, saved }));
    });

    pub.post("/r/:token", opts, async (request: TRequest, reply) => {
      const c = await load(request, reply);
      if (!c) return reply;
      const answer = readAnswer((request.body as { answer?: unknown } | null)?.answer);
      if (!answer) return sendHtml(reply, 400, page(c, request.params.token, { saved: false, error: true }));
      await recordRecoveryAnswer(deps.db, c, answer);
      return reply.redirect(`/r/${request.params.token}`, 303);
    });
  });
}
