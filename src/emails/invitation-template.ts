import { escapeHtml as esc } from "../views/html.ts";

/** Every text of an invitation e-mail, already in the respondent's language. */
export interface TInvitationTexts {
  locale: string;
  orgName: string;
  /** Absolute http(s) URL of the organisation's logo, or null. */
  logoUrl: string | null;
  preheader: string;
  greeting: string;
  intro: string;
  cover: string;
  question: string;
  clickHint: string;
  low: string;
  high: string;
  why: string;
  unsubscribe: string;
}

export interface TInvitationLinks {
  score: (n: number) => string;
  unsubscribe: string;
}

const SCORES = Array.from({ length: 11 }, (_, n) => n);
const FONT = "Arial,Helvetica,sans-serif";
const INK = "#1f2933";
const ACCENT = "#1d4ed8";

/**
 * One table cell per score, each a plain link: Outlook and Gmail render tables with inline styles; no SVG,
 * no images and no script are needed. The cell carries the background (Outlook ignores padding on links).
 */
function scoreRow(links: TInvitationLinks): string {
  const cells = SCORES.map(
    (n) =>
      `<td align="center" bgcolor="${ACCENT}" style="background:${ACCENT};border:2px solid #ffffff;border-radius:4px;width:9%;">` +
      `<a href="${esc(links.score(n))}" style="display:block;padding:10px 0;color:#ffffff;font-family:${FONT};font-size:16px;font-weight:bold;line-height:20px;text-decoration:none;">${n}</a></td>`,
  ).join("");
  return `<tr>${cells}</tr>`;
}

/** The MJML source of an invitation e-mail (all interpolated texts escaped). */
export function invitationMjml(t: TInvitationTexts, links: TInvitationLinks): string {
  const p = (text: string, extra = "") =>
    `<mj-text font-size="16px" line-height="24px" color="${INK}"${extra}>${esc(text)}</mj-text>`;
  const logo = t.logoUrl
    ? `<mj-image src="${esc(t.logoUrl)}" alt="${esc(t.orgName)}" width="160px" align="left" padding="0 25px 8px" />`
    : "";
  return `<mjml lang="${esc(t.locale)}">
<mj-head>
  <mj-title>${esc(t.orgName)}</mj-title>
  <mj-preview>${esc(t.preheader)}</mj-preview>
  <mj-attributes><mj-all font-family="${FONT}" /></mj-attributes>
</mj-head>
<mj-body background-color="#f3f4f6" width="600px">
  <mj-section padding="24px 0 8px">
    <mj-column>
      ${logo}
      <mj-text font-size="14px" font-weight="bold" color="${INK}">${esc(t.orgName)}</mj-text>
    </mj-column>
  </mj-section>
  <mj-section background-color="#ffffff" padding="16px 0">
    <mj-column>
      ${p(t.greeting)}
      ${p(t.intro)}
      ${p(t.cover)}
      <mj-text font-size="18px" line-height="26px" font-weight="bold" color="${INK}" padding-top="16px">${esc(t.question)}</mj-text>
      <mj-table padding="4px 20px" table-layout="fixed" width="100%">${scoreRow(links)}</mj-table>
      <mj-table padding="0 22px 4px" width="100%">
        <tr>
          <td align="left" style="font-family:${FONT};font-size:13px;color:#52606d;">0 – ${esc(t.low)}</td>
          <td align="right" style="font-family:${FONT};font-size:13px;color:#52606d;">10 – ${esc(t.high)}</td>
        </tr>
      </mj-table>
      ${p(t.clickHint, ' font-size="14px" color="#52606d"')}
      ${p(t.why, ' font-size="14px" color="#52606d"')}
    </mj-column>
  </mj-section>
  <mj-section padding="12px 0 24px">
    <mj-column>
      <mj-text font-size="12px" line-height="18px" color="#52606d" align="center"><a href="${esc(links.unsubscribe)}" style="color:#52606d;">${esc(t.unsubscribe)}</a></mj-text>
    </mj-column>
  </mj-section>
</mj-body>
</mjml>`;
}

/** The plain-text part: the same content with the eleven score links written out. */
export function invitationText(t: TInvitationTexts, links: TInvitationLinks): string {
  const scoreLines = SCORES.map((n) => {
    const label = n === 0 ? ` (${t.low})` : n === 10 ? ` (${t.high})` : "";
    return `${n}${label}: ${links.score(n)}`;
  });
  return [
    t.greeting,
    "",
    t.intro,
    "",
    t.cover,
    "",
    t.question,
    t.clickHint,
    "",
    ...scoreLines,
    "",
    t.why,
    "",
    "--",
    t.orgName,
    `${t.unsubscribe}: ${links.unsubscribe}`,
    "",
  ].join("\n");
}
