import { t } from "../../i18n/account-mail.ts";
import { UI_LOCALES } from "../../i18n/locales.ts";
import { startPdf } from "../insights/exports/pdf-document.ts";
import { forStandardFont, pdfFonts, type TPdfFonts } from "../insights/exports/pdf-fonts.ts";
import { personLocale, type TPersonRecords } from "./find-person.ts";
import type { TPersonQuery } from "./person-contracts.ts";

const MARGIN = 50;
const WIDTH = 595.28 - 2 * MARGIN;

/** The person's language when it is one of the staff languages, else English (the 12 survey languages are wider). */
export function personPdfLocale(records: TPersonRecords): string {
  const locale = personLocale(records).slice(0, 2).toLowerCase();
  return (UI_LOCALES as readonly string[]).includes(locale) ? locale : "en";
}

/**
 * Everything an organisation holds on a person as a readable A4 PDF in `locale`: who asked and when, then each
 * kind of record (contacts, invitations, answers with their text answers, cases, notes, opt-outs, messages) as
 * labelled lines. The same records as the JSON export; dates in Estonian time.
 */
export async function renderPersonPdf(
  o: { records: TPersonRecords; query: TPersonQuery; orgName: string; exportedAt: Date; locale: string },
  { compress = true, fonts = pdfFonts() }: { compress?: boolean; fonts?: TPdfFonts } = {},
): Promise<Buffer> {
  const m = (key: string, values?: Record<string, string>) => t(o.locale, `personPdf.${key}`, values);
  const s = fonts.unicode ? (x: string) => x : forStandardFont;
  const when = (d: Date | string | null | undefined) =>
    d
      ? new Intl.DateTimeFormat(o.locale, {
          dateStyle: "medium",
          timeStyle: "short",
          timeZone: "Europe/Tallinn",
        }).format(new Date(d))
      : "–";
  const { doc, finish } = await startPdf(
    { compress, lang: o.locale, title: `${m("title")} – ${o.orgName}`, margin: MARGIN },
    fonts,
  );
  const text = (value: string, size = 10, font = "body") =>
    doc.font(font).fontSize(size).fillColor("#1b1f24").text(s(value), MARGIN, doc.y, { width: WIDTH });
  const section = <T>(key: string, rows: T[], lines: (row: T) => [string, string | number | null][]) => {
    doc.moveDown(0.8);
    text(`${m(`${key}.title`)} (${rows.length})`, 13, "bold");
    if (rows.length === 0) text(m("none"));
    for (const row of rows) {
      doc.moveDown(0.4);
      for (const [label, value] of lines(row))
        if (value !== null && value !== "") text(`${m(`${key}.${label}`)}: ${value}`);
    }
  };

  text(m("title"), 18, "bold");
  text(o.orgName, 12);
  doc.moveDown(0.4);
  text(
    m("intro", {
      by: o.query.email
        ? m("byEmail", { email: o.query.email })
        : m("byPhone", { phone: o.query.phone ?? "" }),
      date: when(o.exportedAt),
    }),
  );
  const r = o.records;
  section("contacts", r.contacts, (c) => [
    ["email", c.email],
    ["phone", c.phone],
    ["name", c.name],
    ["locale", c.locale],
    ["lastSurveyedAt", c.lastSurveyedAt ? when(c.lastSurveyedAt) : null],
    ["optedOutAt", c.optedOutAt ? when(c.optedOutAt) : null],
  ]);
  section("invitations", r.invitations, (i) => [
    ["createdAt", when(i.createdAt)],
    ["sentAt", i.sentAt ? when(i.sentAt) : null],
    ["answeredAt", i.answeredAt ? when(i.answeredAt) : null],
  ]);
  section("answers", r.answers, (a) => [
    ["receivedAt", when(a.receivedAt)],
    ["score", a.score],
    ["satisfaction", a.satisfaction],
    ["comment", a.comment],
    [
      "answers",
      Object.values(a.answers ?? {})
        .filter((v) => typeof v === "string")
        .join(" · ") || null,
    ],
    ["name", a.respondentName],
    ["email", a.respondentEmail],
  ]);
  section("cases", r.cases, (c) => [
    ["openedAt", when(c.openedAt)],
    ["phone", c.contactPhone],
    ["contactAllowed", m(c.contactAllowed ? "yes" : "no")],
    ["resolutionNote", c.resolutionNote],
  ]);
  section("notes", r.notes, (n) => [
    ["at", when(n.at)],
    ["note", n.note],
  ]);
  section("messages", r.messages, (x) => [
    ["createdAt", when(x.createdAt)],
    ["subject", x.subject],
  ]);
  doc.moveDown(1);
  text(m("rights"), 9);
  return finish();
}
