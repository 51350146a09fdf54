/** The invitation overview's filters as they stand in the address bar. */
export type InvitationFilters = { surveyId?: string; from?: string; to?: string; state?: string };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);

/** Reads the overview's filters from search params, dropping anything malformed. */
export function parseInvitationFilters(s: Record<string, unknown>): InvitationFilters {
  return {
    surveyId: str(s.surveyId),
    from: DAY.test(str(s.from) ?? "") ? str(s.from) : undefined,
    to: DAY.test(str(s.to) ?? "") ? str(s.to) : undefined,
    state: str(s.state),
  };
}
