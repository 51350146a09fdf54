import { renderMjml } from "./mjml.ts";
import { type TSurveyDefinition, textIn } from "../domain/survey-definition.ts";
import { st } from "../i18n/survey/index.ts";
import { fillNames, type TPlaceholderNames } from "../views/answer-page.ts";
import { invitationMjml, invitationText, type TInvitationTexts } from "./invitation-template.ts";

export interface RenderInvitationOptions {
  orgName: string;
  orgLogo?: string | null;
  definition: TSurveyDefinition;
  /** The invitation's language; the survey's default language when the survey lacks it. */
  locale: string;
  names?: Omit<TPlaceholderNames, "org">;
  publicUrl: string;
  token: string;
  reminder?: boolean;
}

export interface TRenderedInvitation {
  locale: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

/** Stands in for the link token while a template is rendered once and cached (base64url-safe, never a token). */
const TOKEN = "KAJA0LINK0TOKEN0PLACEHOLDER";
const CACHE_SIZE = 200;
const cache = new Map<string, Promise<{ html: string; text: string }>>();

function textsFor(o: RenderInvitationOptions, locale: string): TInvitationTexts {
  const def = o.definition;
  const names = { ...o.names, org: o.orgName };
  const own = (texts: Record<string, string | undefined>) =>
    fillNames(textIn(texts, locale, def.defaultLocale), names);
  const logo = o.orgLogo && /^https?:\/\//.test(o.orgLogo) ? o.orgLogo : null;
  return {
    locale,
    orgName: o.orgName,
    logoUrl: logo,
    preheader: st(locale, "email.preheader"),
    greeting: st(locale, "email.greeting"),
    intro: st(locale, "email.intro", { org: o.orgName }),
    cover: own(def.cover),
    question: own(def.recommend.text),
    clickHint: st(locale, "email.clickHint"),
    low: own(def.recommend.low),
    high: own(def.recommend.high),
    why: st(locale, "email.why"),
    unsubscribe: st(locale, "email.unsubscribe"),
  };
}

async function renderTemplate(texts: TInvitationTexts, publicUrl: string) {
  const links = {
    score: (n: number) => `${publicUrl}/s/${TOKEN}?score=${n}`,
    unsubscribe: `${publicUrl}/unsubscribe/${TOKEN}`,
  };
  const { html, errors } = await renderMjml(invitationMjml(texts, links), { validationLevel: "soft" });
  if (errors.length)
    throw new Error(`invitation template: ${errors.map((e) => e.formattedMessage).join("; ")}`);
  return { html, text: invitationText(texts, links) };
}

/**
 * Renders an invitation e-mail (HTML and plain text) in the invitation's language. mjml runs once per
 * distinct set of texts; the link token is substituted afterwards, so a mass mailing renders the template once.
 */
export async function renderInvitation(o: RenderInvitationOptions): Promise<TRenderedInvitation> {
  const def = o.definition;
  const locale = def.locales.includes(o.locale) ? o.locale : def.defaultLocale;
  const texts = textsFor(o, locale);
  const key = JSON.stringify([texts, o.publicUrl]);
  let rendered = cache.get(key);
  if (!rendered) {
    rendered = renderTemplate(texts, o.publicUrl);
    rendered.catch(() => cache.delete(key));
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(key, rendered);
  }
  const { html, text } = await rendered;
  const unsubscribe = `${o.publicUrl}/unsubscribe/${o.token}`;
  return {
    locale,
    subject: st(locale, o.reminder ? "email.reminderSubject" : "email.subject", { org: o.orgName }),
    html: html.replaceAll(TOKEN, o.token),
    text: text.replaceAll(TOKEN, o.token),
    headers: {
      "List-Unsubscribe": `<${unsubscribe}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}
