import { z } from "zod";
import { ZEmail } from "../../http/strict-input.ts";

/** A contact as a caller describes it; every field optional, at least an e-mail or an external id to be kept. */
export interface TContactInput {
  email?: string | null;
  name?: string | null;
  phone?: string | null;
  locale?: string | null;
  externalId?: string | null;
}

/** A language tag ("et", "et-EE", "ru_RU"); only the primary language is kept. */
export const ZContactLocale = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$/, "must be a language code such as et or en")
  .transform((v) => v.slice(0, v.search(/[-_]|$/)).toLowerCase());

export const ZPhone = z
  .string()
  .trim()
  .max(40)
  .regex(/^\+?[0-9 ()-]{3,40}$/, "must be a telephone number");

/** The contact part of a request body (service event, single send, contact upsert). */
export const ZContactInput = z.object({
  email: ZEmail.nullish(),
  name: z.string().trim().min(1).max(200).nullish(),
  phone: ZPhone.nullish(),
  locale: ZContactLocale.nullish(),
  externalId: z.string().trim().min(1).max(200).nullish(),
});

/** Whether a raw e-mail value is well formed (the check bulk rows go through). */
export function parseEmail(raw: string): string | null {
  const parsed = ZEmail.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
