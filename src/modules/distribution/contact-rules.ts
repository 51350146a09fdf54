import { z } from "zod";
import { refinement } from "../../http/problem-language.ts";
import type { TContactRules } from "../../db/schema.ts";
import { type ContactRules, resolveContactRules } from "../../domain/resolve-contact-rules.ts";
import { parseCivilDate } from "../../domain/time-zone.ts";
import { deepFreeze } from "../../domain/deep-freeze.ts";

const ZTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time HH:MM (00:00–23:59)");
const ZDay = z.string().refine((v) => {
  try {
    parseCivilDate(v);
    return true;
  } catch {
    return false;
  }
}, "must be a calendar date YYYY-MM-DD");

/** Contact rules as an organisation or a survey sets them; anything left out is inherited. */
export const ZContactRules = z
  .object({
    delayWorkingDays: z.number().int().min(0).max(30).optional(),
    window: z
      .object({
        start: ZTime,
        end: ZTime,
        days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
      })
      .strict()
      .refine((w) => w.start < w.end, { ...refinement("problem.field.endAfterStart"), path: ["end"] })
      .refine((w) => new Set(w.days).size === w.days.length, {
        ...refinement("problem.field.weekdaysOnce"),
        path: ["days"],
      })
      .optional(),
    blackouts: z
      .array(
        z
          .object({ from: ZDay, to: ZDay, name: z.string().trim().min(1).max(100).optional() })
          .strict()
          .refine((b) => b.from <= b.to, { ...refinement("problem.field.beforeFrom"), path: ["to"] }),
      )
      .max(100)
      .optional(),
    quarantineDays: z.number().int().min(0).max(365).optional(),
    expiryDays: z.number().int().min(0).max(90).optional(),
    reminderAfterDays: z.number().int().min(1).max(14).nullable().optional(),
  })
  .strict();

/** The rules in force for one survey, every value filled in. */
export type TEffectiveRules = Omit<Required<ContactRules>, "window" | "blackouts"> & {
  window: { start: string; end: string; days: number[] };
  blackouts: { from: string; to: string; name?: string }[];
  reminderAfterDays: number | null;
};

export const ZEffectiveRules = z.object({
  delayWorkingDays: z.number().int(),
  window: z.object({ start: z.string(), end: z.string(), days: z.array(z.number().int()) }),
  timeZone: z.string(),
  blackouts: z.array(z.object({ from: z.string(), to: z.string(), name: z.string().optional() })),
  quarantineDays: z.number().int(),
  expiryDays: z.number().int(),
  reminderAfterDays: z.number().int().nullable(),
});

const resolvedCache = new Map<string, TEffectiveRules>();

/**
 * defaults ← organisation ← survey, key by key (a survey that sets blackouts replaces the organisation's list);
 * the time zone is always the organisation's. Remembered (every service event of a survey asks the same) and
 * frozen, so that one caller cannot change what the next one is given (a copy per call cost more than the rest).
 */
export function effectiveRules(
  timeZone: string,
  orgRules: TContactRules | null | undefined,
  surveyRules?: TContactRules | null,
): TEffectiveRules {
  const key = JSON.stringify([timeZone, orgRules, surveyRules]);
  let rules = resolvedCache.get(key);
  if (!rules) {
    rules = deepFreeze(resolve(timeZone, orgRules, surveyRules));
    if (resolvedCache.size >= 1000) resolvedCache.clear();
    resolvedCache.set(key, rules);
  }
  return rules;
}

function resolve(
  timeZone: string,
  orgRules: TContactRules | null | undefined,
  surveyRules: TContactRules | null | undefined,
): TEffectiveRules {
  const merged = { ...orgRules, ...surveyRules };
  const resolved = resolveContactRules({ ...merged, timeZone });
  return {
    ...resolved,
    window: { ...resolved.window, days: [...resolved.window.days] },
    blackouts: [...(merged.blackouts ?? [])],
    reminderAfterDays: merged.reminderAfterDays ?? null,
  };
}
