/**
 * A copy of a text kept for long. A value cut from a file's row (13 characters or more) is, in V8, a view of the
 * whole piece of the file it was read from, which stays in memory as long as the value does: a contact book that
 * kept the e-mails and external ids of a 100,000-row file as they came kept all of the file's text: 12 MB with
 * the views at nine tenths of the file, against 7 MB for the copies (bench/bulk-alloc.ts, "live"). UTF-16 gives
 * back exactly the same text, whatever it holds.
 */
export function own(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, "utf16le").toString("utf16le");
}
