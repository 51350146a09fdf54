/** The part of an organisation's follow-up rule that decides whether an answer opens a case. */
export interface FollowUpTrigger {
  enabled: boolean;
  /** A recommendation score at or below this opens a case; null: the score never does. */
  npsMax: number | null;
  /** A satisfaction score at or below this opens a case; null: never. */
  satisfactionMax: number | null;
  /** Per-survey changes (switch off, other thresholds). */
  surveys?: Record<string, { enabled?: boolean; npsMax?: number | null; satisfactionMax?: number | null }>;
}

/** The directive's default: every Developing answer (0–6) on either question is called back. */
export const DEFAULT_FOLLOW_UP_TRIGGER: FollowUpTrigger = { enabled: true, npsMax: 6, satisfactionMax: 6 };

/** Whether an answer with these scores to `surveyId` opens a follow-up case. */
export function triggersFollowUp(
  rule: FollowUpTrigger,
  surveyId: string,
  score: number | null,
  satisfaction: number | null,
): boolean {
  const o = rule.surveys?.[surveyId] ?? {};
  if (!(o.enabled ?? rule.enabled)) return false;
  const npsMax = o.npsMax !== undefined ? o.npsMax : rule.npsMax;
  const satMax = o.satisfactionMax !== undefined ? o.satisfactionMax : rule.satisfactionMax;
  return (
    (npsMax !== null && score !== null && score <= npsMax) ||
    (satMax !== null && satisfaction !== null && satisfaction <= satMax)
  );
}
