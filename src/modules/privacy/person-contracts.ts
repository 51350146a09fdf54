import { z } from "zod";
import { refinement } from "../../http/problem-language.ts";
import { normalisePhone } from "../../domain/phone.ts";
import { ZEmail } from "../../http/strict-input.ts";

/** Whom to look for: an e-mail address or a phone number (one of them). Sent in a body, never in a URL. */
export const ZPersonQuery = z
  .strictObject({
    email: ZEmail.optional(),
    phone: z
      .string()
      .trim()
      .max(40)
      .refine((p) => normalisePhone(p) !== null, "must be a telephone number")
      .transform((p) => normalisePhone(p) as string)
      .optional(),
  })
  .refine((q) => Boolean(q.email) !== Boolean(q.phone), {
    ...refinement("problem.field.emailOrPhone"),
    path: ["email"],
  });
export type TPersonQuery = z.infer<typeof ZPersonQuery>;

/** How many records of each kind Kaja holds on the person (what an erasure would touch). */
export const ZPersonCounts = z.object({
  contacts: z.number().int(),
  invitations: z.number().int(),
  answers: z.number().int(),
  cases: z.number().int(),
  unsubscribes: z.number().int(),
  messages: z.number().int(),
});
export type TPersonCounts = z.infer<typeof ZPersonCounts>;

export const ZErasureReceipt = z.object({
  erasedAt: z.date(),
  erasedBy: z.object({ type: z.string(), id: z.string().nullable() }),
  removed: ZPersonCounts,
  note: z.string(),
});
