import { compileMime, type TMimeFill } from "./invitation-mime.ts";
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

/**
 * Stands in for the link token while a template is rendered once and cached: as long as a token (43
 * characters, see surveyTokenFor) and made only of letters and digits, so the prepared MIME message keeps its
 * line layout when the token replaces it (see compileMime). Never a token itself.
 */
const TOKEN = "KAJA0LINK0TOKEN0PLACEHOLDER0000000000000000";
const CACHE_SIZE = 200;
const cache = new Map<string, Promise<{ html: string; text: string }>>();
const mimeCache = new Map<string, Promise<TMimeFill | null>>();

function textsFor(o: Omit<RenderInvitationOptions, "token">, locale: string): TInvitationTexts {
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
  const template = await renderTemplateOf(o);
  return fillTemplate(template, o.token);
}

/** One template (texts and links) with the placeholder where each recipient's token goes. */
interface TTemplate extends TRenderedInvitation {
  key: string;
}

async function renderTemplateOf(o: Omit<RenderInvitationOptions, "token">): Promise<TTemplate> {
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
  const unsubscribe = `${o.publicUrl}/unsubscribe/${TOKEN}`;
  return {
    key,
    locale,
    subject: st(locale, o.reminder ? "email.reminderSubject" : "email.subject", { org: o.orgName }),
    html,
    text,
    headers: {
      "List-Unsubscribe": `<${unsubscribe}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}

function fillTemplate(t: TRenderedInvitation, token: string): TRenderedInvitation {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(t.headers)) headers[k] = v.replaceAll(TOKEN, token);
  return {
    locale: t.locale,
    subject: t.subject,
    html: t.html.replaceAll(TOKEN, token),
    text: t.text.replaceAll(TOKEN, token),
    headers,
  };
}

/** An invitation for one recipient: its whole MIME message when it could be prepared directly. */
export interface TInvitationMessage {
  /** The message as nodemailer would build it from `mail()` (null: let nodemailer build it). */
  raw: Buffer | null;
  /** The rendered fields (filled only when asked for: the prepared message does not need them). */
  mail: () => TRenderedInvitation;
}

export interface InvitationMessageOptions extends RenderInvitationOptions {
  /** The sender as the mailer writes it: the organisation's name with Kaja's address. */
  from: { name: string; address: string };
  to: string;
  messageId: string;
}

/**
 * renderInvitation plus the complete MIME message: the template's headers and encoded bodies are prepared once
 * per template and sender (compileMime), and each recipient's message is filled in (address, Message-ID, date,
 * token) instead of being built by nodemailer, which costs most of a mass mailing's time otherwise.
 */
export async function renderInvitationMessage(o: InvitationMessageOptions): Promise<TInvitationMessage> {
  const template = await renderTemplateOf(o);
  const mail = () => fillTemplate(template, o.token);
  const key = `${template.key}\u0000${template.subject}\u0000${o.from.name}\u0000${o.from.address}`;
  let compiled = mimeCache.get(key);
  if (!compiled) {
    compiled = Promise.resolve().then(() =>
      compileMime(
        {
          from: o.from,
          subject: template.subject,
          text: template.text,
          html: template.html,
          headers: template.headers,
        },
        TOKEN,
      ),
    );
    compiled.catch(() => mimeCache.delete(key));
    if (mimeCache.size >= CACHE_SIZE) mimeCache.delete(mimeCache.keys().next().value as string);
    mimeCache.set(key, compiled);
  }
  const fill = await compiled;
  const raw =
    fill && o.token.length === TOKEN.length
      ? fill({ to: o.to, messageId: o.messageId, token: o.token })
      : null;
  return { mail, raw };
}
