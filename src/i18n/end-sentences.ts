/**
 * A value that ends in a full stop (a Russian date, "5 декабря 2026 г.") before a message's own full stop makes
 * "г.."; the doubled stop is made one (an ellipsis of three is left alone).
 */
export function endSentences(text: string): string {
  return text.replace(/(?<!\.)\.\.(?!\.)/g, ".");
}
