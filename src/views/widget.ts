import { t } from "../i18n/account-mail.ts";
import { html, raw } from "./html.ts";

export interface WidgetPageOptions {
  locale: string;
  orgName: string;
  /** The NPS of the last 12 months, formatted (e.g. "+34"); null when withheld for too few answers. */
  nps: string | null;
  /** The number of answers behind it, formatted. */
  answers: string;
  /** Up to five approved praise texts with whom they praise. */
  praise: { text: string; who: string }[];
}

const CSS = `*,*::before,*::after{box-sizing:border-box}
body{margin:0;padding:.75rem;font:1rem/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1b1f24;background:#fff}
h1{font-size:1.05rem;margin:0 0 .5rem}
h2{font-size:1rem;margin:.75rem 0 .4rem}
.nps{margin:0;font-size:.95rem}
.nps strong{display:block;font-size:2.5rem;line-height:1.1;color:#0b3d73}
.basis{margin:.2rem 0 0;color:#4a525a;font-size:.875rem}
ul{list-style:none;margin:0;padding:0}
li{border-left:3px solid #0b57a4;padding:.1rem 0 .1rem .6rem;margin:0 0 .6rem}
blockquote{margin:0}
blockquote p{margin:0}
.who{margin:0;color:#4a525a;font-size:.875rem}`;

/** The small embeddable page with an organisation's NPS and a few approved praise texts. */
export function widgetPage(o: WidgetPageOptions): string {
  const title = t(o.locale, "widget.title", { org: o.orgName });
  const figure =
    o.nps === null
      ? html`<p class="nps">${t(o.locale, "widget.nps")}: ${t(o.locale, "widget.withheld")}</p>`
      : html`<p class="nps">${t(o.locale, "widget.nps")} <strong>${o.nps}</strong>
<span class="basis">${t(o.locale, "widget.scale")}</span></p>`;
  const praise = o.praise.length
    ? html`<h2>${t(o.locale, "widget.praise")}</h2><ul>${o.praise.map(
        (p) => html`<li><blockquote><p>${p.text}</p></blockquote><p class="who">${p.who}</p></li>`,
      )}</ul>`
    : false;
  return html`<!doctype html>
<html lang="${o.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${raw(CSS)}</style>
</head>
<body>
<main>
<h1>${title}</h1>
${figure}
<p class="basis">${t(o.locale, "widget.basis", { answers: o.answers })}</p>
${praise}
</main>
</body>
</html>
`.value;
}
