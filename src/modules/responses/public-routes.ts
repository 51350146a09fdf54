import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../../context.ts";
import type { Db } from "../../db/connect.ts";
import { AppError } from "../../http/errors.ts";
import type { TSurveyLocale } from "../../i18n/locales.ts";
import { st } from "../../i18n/survey/index.ts";
import { answerPage, fillNames, type TPlaceholderNames } from "../../views/answer-page.ts";
import { blankAnswerPage } from "../../views/blank-page-cache.ts";
import { consentFields, type TConsentValues } from "../../views/consent-fields.ts";
import {
  readContact,
  readPostedAnswer,
  type TFormValues,
  valuesOfResponse,
} from "../../views/form-values.ts";
import { acceptedLocales, neutralLocale, pickLocale } from "../../views/locale.ts";
import { allowFraming, languageLinks, sendHtml } from "../../views/page-reply.ts";
import {
  closedPage,
  notFoundPage,
  thanksPage,
  tooManyPage,
  tooManyRequestsPage,
} from "../../views/status-pages.ts";
import { textIn } from "../../domain/survey-definition.ts";
import { asksContactConsent, findCaseConsent, readConsent } from "../followup/case-consent.ts";
import { weDidHref } from "../followup/find-public-actions.ts";
import { checkAnswer, type TAnswerError } from "../../domain/survey-answer.ts";
import { findPlaceholderNames, findWebsiteSurvey, findWebsiteTags } from "./find-website-survey.ts";
import { type LimitLinkRequestsOptions, limitLinkRequests } from "./limit-link-requests.ts";
import { forgetLink, keepLink, keptLink } from "./link-cache.ts";
import {
  answerFirst,
  answerInvitation,
  findInvitationByToken,
  isOpen,
  recordWebsiteAnswer,
  type TInvitationForAnswer,
} from "./record-answer.ts";

/** The contact choice as posted (to show it again next to an unreadable phone number). */
const readContactChoice = (body: unknown): TConsentValues["contact"] => {
  const c = (body as { contact?: unknown } | null)?.contact;
  return c === "no" || c === "email" || c === "phone" ? c : undefined;
};

/** Website survey answers per client address and minute. */
export const WEBSITE_ANSWERS_PER_MINUTE = 20;

type TQuery = Record<string, string | string[] | undefined>;
/** Not in the API docs. */
const hide = { schema: { hide: true } };
/** The answer forms show problems with their text fields in the page (a NUL included). */
const answerForm = { answerForm: true };
const isJson = (request: FastifyRequest) => (request.headers["content-type"] ?? "").includes("json");
const queryOf = (request: FastifyRequest) => request.query as TQuery;
const isEmbed = (request: FastifyRequest) => queryOf(request).embed === "1";
const neutral = (request: FastifyRequest) =>
  neutralLocale(queryOf(request).lang, request.headers["accept-language"]);
/** Unknown, malformed and tampered links all get this one page, which names no organisation. */
const notFound = (request: FastifyRequest, reply: FastifyReply) =>
  sendHtml(reply, 404, notFoundPage(neutral(request)));

/** The public answer pages: e-mail invitation links (/s/…) and website surveys (/w/…). */
export function registerPublicSurveyRoutes(
  app: FastifyInstance,
  deps: AppDeps,
  limits: LimitLinkRequestsOptions = {},
): void {
  app.register(async (pub) => {
    pub.setErrorHandler((err, request, reply) => {
      // Everything but a rate limit, and a rate limit of a JSON client, goes on to the app's error handler.
      const limited = (err as { statusCode?: number }).statusCode === 429 || (err as AppError).status === 429;
      if (!limited || String(request.headers["content-type"] ?? "").includes("json")) throw err;
      const page = request.url.startsWith("/s/")
        ? tooManyRequestsPage(neutral(request))
        : tooManyPage(neutral(request), isEmbed(request));
      return sendHtml(reply, 429, page);
    });
    // Set before anything else runs, so that pages, redirects and errors alike carry them (one synchronous hook;
    // the security headers are set for every route in app.ts).
    pub.addHook("onRequest", (request, reply, done) => {
      reply.header("cache-control", "no-store");
      // The link token is in the URL: no page may pass it on as a referrer.
      if (request.url.startsWith("/s/")) reply.header("referrer-policy", "no-referrer");
      else if (request.url.startsWith("/w/") && isEmbed(request)) allowFraming(reply);
      done();
    });
    registerInvitationPages(pub, deps.db, limits);
    registerWebsitePages(pub, deps.db);
  });
}

/** The invitation behind a link, its definition and the page language (`langs` first, else the invitation's). */
async function loadLink(db: Db, token: string, langs: unknown[]) {
  const inv = await findInvitationByToken(db, token);
  return inv ? linkOf(inv, langs) : null;
}

function linkOf(inv: TInvitationForAnswer, langs: unknown[]) {
  const def = inv.definition;
  const locale = pickLocale(
    def.locales,
    [...langs, inv.invitation.locale],
    def.defaultLocale as TSurveyLocale,
  );
  return { inv, def, locale, open: isOpen(inv, new Date()) };
}
type TLink = ReturnType<typeof linkOf>;

/** What the follow-up contact question shows: the consent stored on a case just written, and a posted choice. */
interface TFollowUpState {
  /** The answer's case as the answer just written left it (null: no case); omitted: as the link read it. */
  caseConsent?: { contact?: TConsentValues["contact"] } | null;
  values?: TConsentValues;
  phoneError?: boolean;
}

/** Names for {org}, {service} and {employee}, read with the link. */
function linkNames(link: TLink): TPlaceholderNames {
  const { inv, locale } = link;
  const s = inv.serviceNames;
  return {
    org: inv.org.name,
    service: s ? (s[locale] ?? s.et) : undefined,
    employee: inv.employeeName ?? undefined,
  };
}

function linkPage(
  token: string,
  link: TLink,
  values: TFormValues,
  errors: TAnswerError[],
  notice?: string,
  followUp: TFollowUpState = {},
) {
  const { inv, def, locale } = link;
  // An answer with a follow-up case asks whether, and how, the agency may contact the respondent about it.
  const stored = followUp.caseConsent !== undefined ? followUp.caseConsent : inv.caseConsent;
  const extra =
    stored !== null &&
    consentFields({
      locale,
      offerEmail: Boolean(inv.invitation.contactId),
      values: followUp.values ?? { contact: stored.contact },
      phoneError: followUp.phoneError,
    });
  const names = linkNames(link);
  const update = Boolean(inv.response || notice);
  const render = (action?: string) =>
    answerPage({
      extra,
      locale,
      definition: def,
      names,
      action,
      languages: languageLinks(def.locales),
      values,
      errors,
      notice,
      update,
    });
  // The page of a link without an answer is the same for every link of the survey: its form posts back to the
  // page's own address, so the page holds no token.
  const blank = !inv.response && !extra && !errors.length && !notice && isBlank(values);
  if (!blank) return render(`/s/${token}`);
  const key = JSON.stringify([locale, names.org, names.service ?? null, names.employee ?? null]);
  return blankAnswerPage(def, key, () => render());
}

/** A kept link that the answer could not use: the route reads the link again. */
const STALE = Symbol("stale");

/** No field filled in. */
const isBlank = (v: TFormValues) =>
  v.score === undefined &&
  v.satisfaction === undefined &&
  v.comment === undefined &&
  v.name === undefined &&
  v.email === undefined &&
  Object.keys(v.answers).length === 0;

function registerInvitationPages(app: FastifyInstance, db: Db, limits: LimitLinkRequestsOptions): void {
  type TParams = { Params: { token: string } };
  const limited = { ...hide, onRequest: limitLinkRequests(limits) };

  app.get<TParams>("/s/:token", limited, async (request, reply) => {
    const { token } = request.params;
    const { lang, score } = queryOf(request);
    const link = await loadLink(db, token, [lang]);
    if (!link) return notFound(request, reply);
    if (!link.open) return sendHtml(reply, 410, closedPage(link.locale, link.inv.org.name));
    const values = valuesOfResponse(link.inv.response);
    if (score === undefined) {
      if (!link.inv.response) keepLink(db, token, link.inv);
      return sendHtml(reply, 200, linkPage(token, link, values, []));
    }
    // The number clicked in the e-mail: the click alone is an answer.
    const { value } = checkAnswer(link.def, { score }, { complete: false, numbersAsText: true });
    if (value.score === undefined) {
      const errors: TAnswerError[] = [
        { path: "score", message: "must be an integer from 0 to 10", kind: "score" },
      ];
      return sendHtml(reply, 400, linkPage(token, link, values, errors));
    }
    const saved = await answerInvitation(
      db,
      link.inv,
      { score: value.score, answers: {} },
      { locale: link.locale },
    );
    forgetLink(db, token);
    values.score = String(value.score);
    const notice = st(link.locale, "page.scoreSaved", { score: value.score });
    // A first answer's case was opened just now, without a consent; a changed answer's case is read again.
    const caseConsent = saved.created
      ? saved.caseId
        ? {}
        : null
      : await findCaseConsent(db, link.inv.org.id, saved.responseId);
    const page = linkPage(token, link, values, [], notice, { caseConsent });
    return sendHtml(reply, 200, page);
  });

  app.post<TParams>("/s/:token", { ...limited, config: answerForm }, async (request, reply) => {
    const { token } = request.params;
    const posted = readPostedAnswer(request.body);
    const langs = [posted.lang, queryOf(request).lang];
    // The link as this process's page view read it: only a valid first answer is written with it, by a statement
    // that checks the link's row stamps; anything else, or a link changed since, reads the link again.
    const kept = keptLink(db, token);
    if (kept) {
      const done = await postAnswer(request, reply, posted, linkOf(kept, langs), true);
      if (done !== STALE) return done;
    }
    const link = await loadLink(db, token, langs);
    if (!link) {
      if (isJson(request))
        throw new AppError("NOT_FOUND", { message: { key: "problem.survey.linkNotFound" } });
      return notFound(request, reply);
    }
    return postAnswer(request, reply, posted, link, false);
  });

  /**
   * The answer posted to a link. With a `kept` link (read by an earlier page view) it returns STALE, having done
   * nothing, unless the answer is a valid first answer and the statement found the link unchanged.
   */
  async function postAnswer(
    request: FastifyRequest<TParams>,
    reply: FastifyReply,
    posted: ReturnType<typeof readPostedAnswer>,
    link: TLink,
    kept: boolean,
  ) {
    const { token } = request.params;
    const json = isJson(request);
    if (!link.open) {
      if (kept) return STALE;
      if (json) throw new AppError("CONFLICT", { message: { key: "problem.survey.closed" } });
      return sendHtml(reply, 410, closedPage(link.locale, link.inv.org.name));
    }
    const thanks = `/s/${token}/thanks?lang=${link.locale}`;
    // A filled honeypot is a bot: it is told the answer was saved, and nothing is stored.
    if (!json && posted.honeypot) return kept ? STALE : reply.redirect(thanks, 303);
    const checked = checkAnswer(link.def, posted.raw, { complete: true, numbersAsText: !json });
    const consent = readConsent(request.body);
    const errors = [...posted.errors, ...checked.errors];
    if (
      kept &&
      (errors.length || consent.phoneError || link.inv.response || checked.value.score === undefined)
    )
      return STALE;
    if (errors.length && json) {
      throw new AppError("VALIDATION", {
        message: {
          key: "problem.answer.invalid",
          values: { list: errors.map((e) => `${e.path}: ${e.message}`).join("; ") },
        },
        errors: errors.map(({ path, message }) => ({ path, message })),
      });
    }
    const followUp = {
      values: { contact: consent.consent?.contact ?? readContactChoice(request.body), phone: consent.phone },
      phoneError: consent.phoneError,
    };
    if (errors.length || consent.phoneError) {
      if (!link.inv.response) keepLink(db, token, link.inv);
      const page = linkPage(token, link, posted.values, errors, undefined, followUp);
      return sendHtml(reply, 400, page);
    }
    const options = { locale: link.locale, replaceAnswers: true, consent: consent.consent };
    const saved =
      kept && checked.value.score !== undefined
        ? await answerFirst(
            db,
            link.inv,
            { ...checked.value, score: checked.value.score },
            {
              ...options,
              now: new Date(),
            },
          )
        : await answerInvitation(db, link.inv, checked.value, options);
    if (!saved) return STALE;
    forgetLink(db, token);
    const { responseId, created, caseId } = saved;
    if (json) return reply.send({ responseId });
    // A first answer that opened a case comes back to the page once, to ask the contact question.
    if (created && caseId && !consent.consent) return reply.redirect(`/s/${token}?lang=${link.locale}`, 303);
    return reply.redirect(thanks, 303);
  }

  app.get<TParams>("/s/:token/thanks", limited, async (request, reply) => {
    const { token } = request.params;
    const link = await loadLink(db, token, [queryOf(request).lang]);
    if (!link) return notFound(request, reply);
    const { inv, def, locale } = link;
    if (!link.open) return sendHtml(reply, 410, closedPage(locale, inv.org.name));
    const names = linkNames(link);
    const weDid = await weDidHref(db, inv.org.id, inv.org.slug, locale);
    const page = thanksPage({
      locale,
      orgName: inv.org.name,
      weDidHref: weDid,
      text: fillNames(textIn(def.thankYou, locale, def.defaultLocale), names),
      change: {
        until: inv.invitation.expiresAt,
        timeZone: inv.org.timeZone,
        href: `/s/${token}?lang=${locale}`,
      },
    });
    return sendHtml(reply, 200, page);
  });

  app.get("/s/*", limited, notFound);
}

/** The query parameters a website survey keeps from page to page (embedding and tags, not the language). */
function keptQuery(query: TQuery): Record<string, string> {
  const keep: Record<string, string> = {};
  for (const k of ["embed", "service", "channel"]) {
    const v = query[k];
    if (typeof v === "string" && v !== "" && v.length <= 100) keep[k] = v;
  }
  return keep;
}

function registerWebsitePages(app: FastifyInstance, db: Db): void {
  type TRequest = FastifyRequest<{ Params: { orgSlug: string; surveySlug: string } }>;
  const path = "/w/:orgSlug/:surveySlug";

  async function load(request: TRequest, lang?: unknown) {
    const { orgSlug, surveySlug } = request.params;
    const target = await findWebsiteSurvey(db, orgSlug, surveySlug);
    if (!target) return null;
    const def = target.definition;
    const langs = [lang, queryOf(request).lang, ...acceptedLocales(request.headers["accept-language"])];
    const locale = pickLocale(def.locales, langs, def.defaultLocale as TSurveyLocale);
    const keep = keptQuery(queryOf(request));
    const tags = await findWebsiteTags(db, target.org.id, keep);
    const names = await findPlaceholderNames(db, target.org, locale, { serviceId: tags.serviceId });
    const asksConsent = await asksContactConsent(db, target.org.id, target.survey.id);
    const base = `/w/${encodeURIComponent(orgSlug)}/${encodeURIComponent(surveySlug)}`;
    const qs = new URLSearchParams(keep).toString();
    return {
      ...target,
      def,
      locale,
      tags,
      names,
      keep,
      base,
      asksConsent,
      action: qs ? `${base}?${qs}` : base,
    };
  }
  type TTarget = NonNullable<Awaited<ReturnType<typeof load>>>;

  const render = (
    t: TTarget,
    values: TFormValues,
    errors: TAnswerError[] = [],
    consent: TConsentValues = {},
  ) =>
    answerPage({
      // The contact question comes with the form: a website answer has no second page to ask it on.
      extra:
        t.asksConsent &&
        consentFields({
          locale: t.locale,
          offerEmail: true,
          typedEmail: true,
          values: consent,
          phoneError: errors.some((e) => e.path === "phone"),
        }),
      locale: t.locale,
      definition: t.def,
      names: t.names,
      action: t.action,
      languages: languageLinks(t.def.locales, t.keep),
      values,
      errors,
      contact: true,
      embed: t.keep.embed === "1",
    });

  app.get(path, hide, async (request: TRequest, reply) => {
    const t = await load(request);
    if (!t) return notFound(request, reply);
    return sendHtml(reply, 200, render(t, { answers: {} }));
  });

  // The app-wide limiter skips non-API URLs (its allowList is inherited): this route counts every POST.
  const rateLimit = { max: WEBSITE_ANSWERS_PER_MINUTE, timeWindow: "1 minute", allowList: () => false };
  app.post(path, { ...hide, config: { rateLimit, ...answerForm } }, async (request: TRequest, reply) => {
    const posted = readPostedAnswer(request.body);
    const t = await load(request, posted.lang);
    if (!t) return notFound(request, reply);
    const thanks = `${t.base}/thanks?${new URLSearchParams({ ...t.keep, lang: t.locale })}`;
    if (posted.honeypot) return reply.redirect(thanks, 303);
    const checked = checkAnswer(t.def, posted.raw, { complete: true, numbersAsText: !isJson(request) });
    const contact = readContact(posted);
    const consent = t.asksConsent ? readConsent(request.body) : { phoneError: false };
    const consentErrors: TAnswerError[] = [];
    if (consent.consent?.contact === "email" && !contact.email && !contact.errors.length)
      consentErrors.push({
        path: "email",
        message: "is required to be contacted by e-mail",
        kind: "emailMissing",
      });
    if (consent.phoneError)
      consentErrors.push({ path: "phone", message: "must be a phone number", kind: "phone" });
    const errors = [...posted.errors, ...checked.errors, ...contact.errors, ...consentErrors];
    const { score } = checked.value;
    if (errors.length || score === undefined) {
      const shown = {
        contact: consent.consent?.contact ?? readContactChoice(request.body),
        phone: consent.phone,
      };
      return sendHtml(reply, 400, render(t, posted.values, errors, shown));
    }
    await recordWebsiteAnswer(
      db,
      { ...checked.value, score },
      {
        orgId: t.org.id,
        surveyId: t.survey.id,
        version: t.survey.version,
        locale: t.locale,
        name: contact.name,
        email: contact.email,
        tags: t.tags,
        consent: consent.consent,
      },
    );
    return reply.redirect(thanks, 303);
  });

  app.get(`${path}/thanks`, hide, async (request: TRequest, reply) => {
    const t = await load(request);
    if (!t) return notFound(request, reply);
    const text = fillNames(textIn(t.def.thankYou, t.locale, t.def.defaultLocale), t.names);
    const embed = t.keep.embed === "1";
    return sendHtml(reply, 200, thanksPage({ locale: t.locale, orgName: t.org.name, text, embed }));
  });
}
