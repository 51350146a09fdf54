import type mjml2html from "mjml";

type TMjml = typeof mjml2html;
let loaded: Promise<TMjml> | undefined;

/**
 * mjml, loaded on the first e-mail rendered: it takes most of a second to import, which every process start
 * (server, CLI command) would otherwise pay whether it sends mail or not.
 */
export async function renderMjml(...args: Parameters<TMjml>): ReturnType<TMjml> {
  loaded ??= import("mjml").then((m) => m.default);
  return (await loaded)(...args);
}
