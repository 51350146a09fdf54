import { renderMjml } from "./mjml.ts";
import { t } from "../i18n/account-mail.ts";
import { escapeHtml as esc } from "../views/html.ts";

export interface MonthlyReportMailOptions {
  locale: string;
  orgName: string;
  /** The month written out in the recipient's language. */
  monthLabel: string;
  /** Where the recipient ends the subscription (the admin app). */
  manageUrl: string;
}

/** Subject, plain text and HTML of the e-mail that carries the monthly PDF report. */
export async function renderMonthlyReportMail(o: MonthlyReportMailOptions) {
  const values = { org: o.orgName, month: o.monthLabel, url: o.manageUrl };
  const subject = t(o.locale, "monthlyReport.subject", values);
  const text = t(o.locale, "monthlyReport.text", values);
  const paragraphs = text
    .split(/\n{2,}/)
    .map(
      (p) =>
        `<mj-text font-size="16px" line-height="24px" color="#1f2933">${esc(p).replaceAll("\n", "<br>")}</mj-text>`,
    )
    .join("");
  const mjml = `<mjml lang="${esc(o.locale)}"><mj-head><mj-title>${esc(subject)}</mj-title>
<mj-attributes><mj-all font-family="Arial,Helvetica,sans-serif" /></mj-attributes></mj-head>
<mj-body background-color="#f3f4f6"><mj-section background-color="#ffffff" padding="24px 0"><mj-column>
<mj-text font-size="20px" font-weight="bold" color="#1f2933">${esc(o.orgName)}</mj-text>${paragraphs}
</mj-column></mj-section></mj-body></mjml>`;
  const { html } = await renderMjml(mjml, { validationLevel: "soft" });
  return { subject, text, html };
}
