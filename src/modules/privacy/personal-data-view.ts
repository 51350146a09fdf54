import { can, type TActor } from "../../auth/permissions.ts";
import { maskPersonalData } from "../../domain/personal-data.ts";

/**
 * How free text (comments, notes) is shown to `actor`: as written to holders of `personalData:read`, with
 * personal codes, IBANs, e-mail addresses and phone numbers masked to everyone else (API keys included).
 */
export function personalDataView(actor: TActor): <T extends string | null | undefined>(text: T) => T {
  return can(actor, "personalData:read") ? (text) => text : maskPersonalData;
}
