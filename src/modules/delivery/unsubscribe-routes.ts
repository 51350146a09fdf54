import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../../context.ts";
import { surveyLocale } from "../../i18n/survey/index.ts";
import { neutralLocale } from "../../views/locale.ts";
import { sendHtml } from "../../views/page-reply.ts";
import { notFoundPage } from "../../views/status-pages.ts";
import { findUnsubscribeTarget, unsubscribeContact } from "./unsubscribe.ts";
import { unsubscribeConfirmPage, unsubscribedPage } from "./unsubscribe-pages.ts";

type TParams = { Params: { token: string } };
const hide = { schema: { hide: true } };

function notFound(request: FastifyRequest, reply: FastifyReply) {
  const lang = (request.query as Record<string, unknown>).lang;
  return sendHtml(reply, 404, notFoundPage(neutralLocale(lang, request.headers["accept-language"])));
}

/**
 * The unsubscribe link of every invitation e-mail: GET shows a confirmation button (so a mail scanner
 * following links unsubscribes nobody); POST opts out, also as RFC 8058 one-click (`List-Unsubscribe=One-Click`).
 */
export function registerUnsubscribePages(app: FastifyInstance, deps: AppDeps): void {
  app.register(async (pub) => {
    // Some mail providers send the one-click POST as multipart; its content does not matter.
    pub.addContentTypeParser("multipart/form-data", { parseAs: "string" }, (_req, _body, done) =>
      done(null, {}),
    );
    pub.addHook("onSend", async (_request, reply) => {
      reply.header("cache-control", "no-store");
      reply.header("referrer-policy", "no-referrer");
    });

    pub.get<TParams>("/unsubscribe/:token", hide, async (request, reply) => {
      const target = await findUnsubscribeTarget(deps.db, request.params.token);
      if (!target) return notFound(request, reply);
      const locale = surveyLocale(target.locale);
      return sendHtml(
        reply,
        200,
        unsubscribeConfirmPage(locale, target.orgName, `/unsubscribe/${request.params.token}`),
      );
    });

    pub.post<TParams>("/unsubscribe/:token", hide, async (request, reply) => {
      const target = await findUnsubscribeTarget(deps.db, request.params.token);
      if (!target) return notFound(request, reply);
      await unsubscribeContact(deps.db, target);
      return sendHtml(reply, 200, unsubscribedPage(surveyLocale(target.locale), target.orgName));
    });
  });
}
