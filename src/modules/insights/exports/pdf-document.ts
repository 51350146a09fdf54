import type PDFDocumentType from "pdfkit";
import type { TPdfFonts } from "./pdf-fonts.ts";

export type TPdfDoc = InstanceType<typeof PDFDocumentType>;

/**
 * A new A4 document with the fonts registered as "body" and "bold", and `finish()`, which ends it and answers
 * the file's bytes. pdfkit is loaded here, on the first PDF, not at every process start.
 */
export async function startPdf(
  o: { compress: boolean; lang: string; title: string; margin: number },
  fonts: TPdfFonts,
): Promise<{ doc: TPdfDoc; finish: () => Promise<Buffer> }> {
  const { default: PDFDocument } = await import("pdfkit");
  const doc = new PDFDocument({
    size: "A4",
    margin: o.margin,
    compress: o.compress,
    lang: o.lang,
    info: { Title: o.title },
  });
  doc.registerFont("body", fonts.regular);
  doc.registerFont("bold", fonts.bold);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on("end", resolve);
    doc.on("error", reject);
  });
  return {
    doc,
    finish: async () => {
      doc.end();
      await done;
      return Buffer.concat(chunks);
    },
  };
}
