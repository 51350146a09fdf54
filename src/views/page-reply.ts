import type { FastifyReply } from "fastify";
import type { TSurveyLocale } from "../i18n/locales.ts";

/** Sends a rendered page. */
export function sendHtml(reply: FastifyReply, status: number, page: string | Buffer): FastifyReply {
  return reply.status(status).type("text/html; charset=utf-8").send(page);
}

/** Lets any website show the page in an iframe (helmet forbids framing everywhere else). */
export function allowFraming(reply: FastifyReply): void {
  const csp = reply.getHeader("content-security-policy");
  if (typeof csp === "string") {
    reply.header("content-security-policy", csp.replace(/frame-ancestors [^;]*/, "frame-ancestors *"));
  }
  reply.removeHeader("x-frame-options");
  reply.header("cross-origin-resource-policy", "cross-origin");
}

/** Links to the same page in each of the survey's languages (the layout marks the current one), keeping `keep`. */
export function languageLinks(available: string[], keep: Record<string, string> = {}) {
  return (available as TSurveyLocale[]).map((l) => ({
    locale: l,
    href: `?${new URLSearchParams({ ...keep, lang: l })}`,
  }));
}
