import { t } from "../i18n/account-mail.ts";
import { html, raw, type SafeHtml } from "./html.ts";

/** One approved praise as the wall shows it: no respondent, only whom it praises and when. */
export interface TWallItem {
  text: string;
  /** An employee's first name or a service's name. */
  who: string;
  /** The month of the answer, already formatted in the page language. */
  month: string;
}

export interface PraiseWallPageOptions {
  locale: string;
  orgName: string;
  items: TWallItem[];
  /** Whether the page reloads itself every 5 minutes; the first link on the page turns it off (WCAG 2.2.1). */
  refresh: boolean;
  /** The same page with the refresh turned the other way. */
  toggleHref: string;
  /** The same page as it is, for reloading by hand (works without JavaScript). */
  selfHref: string;
}

/** The address of the wall's refresh script (same origin, so the app's script-src 'self' allows it). */
export const WALL_SCRIPT_PATH = "/wall-refresh.js";

/** Seconds between automatic reloads. */
export const WALL_REFRESH_SECONDS = 300;

/**
 * Reloads the wall after a while unless the viewer paused it, instead of `<meta http-equiv="refresh">`, which
 * axe and WCAG 2.2.1 refuse (it cannot be paused or extended). It also shows the pause control, which means
 * nothing without a script; without JavaScript the page stays as it is and "Refresh now" reloads it.
 */
export const WALL_SCRIPT = `(function(){var box=document.getElementById("auto-refresh");if(!box)return;box.hidden=false;
if(box.getAttribute("data-refresh")!=="on")return;var s=Number(box.getAttribute("data-seconds"))||${WALL_REFRESH_SECONDS};
setTimeout(function(){location.reload();},s*1000);})();
`;

/** Large type, light text on a dark background (contrast above 10:1), for a screen across the room. */
const CSS = `*,*::before,*::after{box-sizing:border-box}
html{color-scheme:dark}
body{margin:0;background:#0f2340;color:#fff;font:clamp(1.25rem,0.9rem + 1.1vw,2.25rem)/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
a{color:#ffd479}
:focus-visible{outline:3px solid #ffd479;outline-offset:3px}
header,main{max-width:110rem;margin:0 auto;padding:1rem 4vw}
header{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.5rem 2rem;align-items:baseline}
.org{margin:0;font-size:.8em;color:#dfe6ef}
.refresh{margin:0;font-size:.7em;color:#dfe6ef}
h1{margin:.2em 0 .6em;font-size:1.8em;line-height:1.15}
ul{list-style:none;margin:0;padding:0;display:grid;gap:1.2rem;grid-template-columns:repeat(auto-fill,minmax(min(100%,24em),1fr))}
li{background:#1b3659;border-left:.35rem solid #ffd479;border-radius:.4rem;padding:1rem 1.2rem}
figure{margin:0}
blockquote{margin:0 0 .6em;font-size:1.15em}
blockquote p{margin:0}
figcaption{color:#dfe6ef;font-size:.85em}
.empty{font-size:1.2em}
`;

/** The praise-wall page for an office screen or intranet: reloads itself by a small script unless paused. */
export function praiseWallPage(o: PraiseWallPageOptions): string {
  const title = t(o.locale, "wall.title", { org: o.orgName });
  const items = o.items.map(
    (i) => html`<li><figure><blockquote><p>${i.text}</p></blockquote>
<figcaption>${i.who} · ${i.month}</figcaption></figure></li>`,
  );
  const list: SafeHtml = o.items.length
    ? html`<ul>${items}</ul>`
    : html`<p class="empty">${t(o.locale, "wall.empty")}</p>`;
  return html`<!doctype html>
<html lang="${o.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style>${raw(CSS)}</style>
</head>
<body>
<header><p class="org">${o.orgName}</p>
<p class="refresh"><span id="auto-refresh" hidden data-refresh="${o.refresh ? "on" : "off"}" data-seconds="${String(WALL_REFRESH_SECONDS)}">${o.refresh ? t(o.locale, "wall.refreshing") : t(o.locale, "wall.paused")}
<a href="${o.toggleHref}">${o.refresh ? t(o.locale, "wall.pause") : t(o.locale, "wall.resume")}</a> · </span>
<a href="${o.selfHref}">${t(o.locale, "wall.refreshNow")}</a></p></header>
<main id="main">
<h1>${t(o.locale, "wall.heading")}</h1>
${list}
</main>
<script src="${WALL_SCRIPT_PATH}" defer></script>
</body>
</html>
`.value;
}

/** The one page for a wrong, old or switched-off wall link; it names no organisation. */
export function praiseWallNotFoundPage(locale: string): string {
  const text = t(locale, "wall.notFound");
  return html`<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow"><title>${text}</title><style>${raw(CSS)}</style></head>
<body><main id="main"><h1>${text}</h1></main></body>
</html>
`.value;
}
