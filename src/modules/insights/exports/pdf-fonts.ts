import { existsSync } from "node:fs";

/** TrueType fonts with Latin, Estonian and Cyrillic letters, where common Linux distributions install them. */
const CANDIDATES = [
  ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"],
  ["/usr/share/fonts/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"],
  ["/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"],
  [
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
  ],
  ["/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"],
] as const;

export interface TPdfFonts {
  /** A path to a TTF file, or the name of a PDF standard font. */
  regular: string;
  bold: string;
  /** False when only PDF standard fonts are available: they cover Estonian letters (WinAnsi) but not Cyrillic. */
  unicode: boolean;
}

let found: TPdfFonts | undefined;

/** The fonts for PDF reports: an installed Unicode TTF (embedded as a subset), else Helvetica. */
export function pdfFonts(): TPdfFonts {
  found ??= (() => {
    for (const [regular, bold] of CANDIDATES) {
      if (existsSync(regular)) return { regular, bold: existsSync(bold) ? bold : regular, unicode: true };
    }
    return { regular: "Helvetica", bold: "Helvetica-Bold", unicode: false };
  })();
  return found;
}

/** Text as a standard (WinAnsi) font can draw it: the minus sign and the narrow no-break space are not in it. */
export function forStandardFont(text: string): string {
  return text.replaceAll("\u2212", "-").replaceAll("\u202f", " ");
}
