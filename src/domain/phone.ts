/**
 * A phone number in E.164 (+<country><number>), or null when it cannot be one. Spaces, dashes, dots and
 * brackets are dropped; "00" becomes "+"; a number without a country code is Estonian (+372), also when
 * written with the 372 code but no plus.
 */
export function normalisePhone(input: string): string | null {
  let s = input.trim().replace(/[\s\-.()/]/g, "");
  if (s.startsWith("00")) s = `+${s.slice(2)}`;
  if (!s.startsWith("+")) {
    if (!/^\d+$/.test(s)) return null;
    // Estonian numbers have 7 or 8 digits; 372 followed by one of those is the country code without a plus.
    s = /^372\d{7,8}$/.test(s) ? `+${s}` : `+372${s}`;
  }
  if (s.startsWith("+372") && !/^\+372\d{7,8}$/.test(s)) return null;
  return /^\+[1-9]\d{6,14}$/.test(s) ? s : null;
}
