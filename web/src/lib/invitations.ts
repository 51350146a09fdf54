import { useInfiniteQuery } from "@tanstack/react-query";
import { api } from "../api.ts";
import { INVITATION_STATES, type Invitation, type InvitationState } from "./sending.ts";

/** The invitation overview's filters as they stand in the address bar (dates YYYY-MM-DD, inclusive). */
export type InvitationFilters = {
  surveyId?: string;
  bulkId?: string;
  from?: string;
  to?: string;
  state?: InvitationState;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);

/** Reads the overview's filters from search params, dropping anything malformed. */
export function parseInvitationFilters(s: Record<string, unknown>): InvitationFilters {
  const f: InvitationFilters = {};
  if (str(s.surveyId)) f.surveyId = str(s.surveyId);
  if (str(s.bulkId)) f.bulkId = str(s.bulkId);
  if (DAY.test(str(s.from) ?? "")) f.from = str(s.from);
  if (DAY.test(str(s.to) ?? "")) f.to = str(s.to);
  const state = INVITATION_STATES.find((x) => x === s.state);
  if (state) f.state = state;
  return f;
}

/** The period and survey as the API's query (the last day runs to the next local midnight). */
export function periodQuery(f: InvitationFilters): URLSearchParams {
  const q = new URLSearchParams();
  if (f.surveyId) q.set("surveyId", f.surveyId);
  if (f.bulkId) q.set("bulkId", f.bulkId);
  if (f.from) q.set("from", new Date(`${f.from}T00:00:00`).toISOString());
  if (f.to) {
    const end = new Date(`${f.to}T00:00:00`);
    end.setDate(end.getDate() + 1);
    q.set("to", end.toISOString());
  }
  return q;
}

/** Invitations in one state, newest first, 50 at a time. */
export const useInvitations = (f: InvitationFilters, state: InvitationState) =>
  useInfiniteQuery({
    queryKey: ["invitations", "list", f, state],
    queryFn: ({ pageParam }) => {
      const q = periodQuery(f);
      q.set("state", state);
      q.set("limit", "50");
      if (pageParam) q.set("cursor", pageParam);
      return api.get<{ items: Invitation[]; nextCursor: string | null }>(`/api/v1/survey-invitations?${q}`);
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
