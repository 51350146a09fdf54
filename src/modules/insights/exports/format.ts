/** A figure with its sign in the reader's language, one decimal at most (e.g. et "+20,5", "−3"). */
export function formatSigned(locale: string, value: number): string {
  return new Intl.NumberFormat(locale, { signDisplay: "exceptZero", maximumFractionDigits: 1 }).format(value);
}

/** A plain number in the reader's language (e.g. et "1 234", one decimal at most). */
export function formatNumber(locale: string, value: number): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
}

/** A month (YYYY-MM) in the reader's language: long "november 2026" (ru "ноябрь 2026 г."), short "11.26". */
export function monthLabel(locale: string, month: string, style: "long" | "short" = "long"): string {
  const [y, m] = month.split("-").map(Number);
  const parts: Intl.DateTimeFormatOptions =
    style === "long" ? { month: "long", year: "numeric" } : { month: "2-digit", year: "2-digit" };
  return new Intl.DateTimeFormat(locale, { ...parts, timeZone: "UTC" }).format(
    new Date(Date.UTC(y, m - 1, 1)),
  );
}

/** The month before a month (YYYY-MM). */
export function previousMonth(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
}

/** The month `n` months after `month` (negative: before). */
export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1 + n, 1)).toISOString().slice(0, 7);
}
