/** Lower-cased word tokens of a comment: letters and digits only; "ё" is folded to "е", apostrophes kept in words. */
export function tokenize(text: string): string[] {
  return (
    text
      .normalize("NFC")
      .toLowerCase()
      .replaceAll("ё", "е")
      .replaceAll("’", "'")
      .match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? []
  );
}
