import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api.ts";

// The server's lists, so the screens offer exactly the states and resolutions the API accepts.
import {
  CASE_RESOLUTIONS,
  CASE_STATES,
  type CaseResolution,
  type CaseState,
} from "../../../src/domain/case-states.ts";

export { CASE_RESOLUTIONS, CASE_STATES, type CaseResolution, type CaseState };
export const CASE_VIEWS = ["mine", "department", "overdue", "all"] as const;
export type CaseView = (typeof CASE_VIEWS)[number];
export const ACTION_STATUSES = ["planned", "in_progress", "done", "dropped"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export type FollowUpCase = {
  id: string;
  responseId: string;
  surveyId: string;
  serviceId: string | null;
  departmentId: string | null;
  employeeId: string | null;
  state: CaseState;
  ownerId: string | null;
  contactAllowed: boolean | null;
  contactChannel: "email" | "phone" | null;
  dueDate: string;
  overdue: boolean;
  attempts: number;
  resolution: CaseResolution | null;
  resolutionNote: string | null;
  firstContactAt: string | null;
  resolvedAt: string | null;
  /** The respondent's answer to the recovery question "Did our call help?". */
  recovery: "yes" | "partly" | "no" | null;
  openedAt: string;
  score: number;
  satisfaction: number | null;
};

export type CaseEvent = {
  id: string;
  kind: string;
  actorId: string | null;
  fromState: string | null;
  toState: string | null;
  note: string | null;
  data: Record<string, unknown>;
  at: string;
};

export type CaseDetail = FollowUpCase & {
  answer: { comment: string | null; locale: string; receivedAt: string };
  contact: { email: string | null; phone: string | null } | null;
  timeline: CaseEvent[];
};

export type CaseSummary = {
  open: number;
  overdue: number;
  byState: Record<string, number>;
  medianHoursToFirstContact: number | null;
  contactedWithinDeadlinePct: number | null;
  recoveryRatePct: number | null;
  recoveryAnswers: number;
};

export type CaseEventBody =
  | { kind: "note"; note: string }
  | { kind: "call_attempt"; reached: boolean; note?: string }
  | { kind: "state"; state: CaseState; resolution?: CaseResolution; note?: string };

export type ImprovementAction = {
  id: string;
  title: string;
  description: string;
  ownerId: string | null;
  departmentId: string | null;
  deadline: string | null;
  status: ActionStatus;
  dropReason: string | null;
  completedOn: string | null;
  public: boolean;
  serviceIds: string[];
  evidence: { kind: string; id: string }[];
  notes?: { id: string; authorId: string | null; status: string | null; text: string; at: string }[];
};

type Figure = { answers: number; value: number | null; interval: { low: number; high: number } | null };
type Period = { from: string; to: string; nps: Figure; satisfaction: Figure };
type Change = { diff: number; z: number; significant: boolean } | null;
export type ActionEffect = {
  completedOn: string | null;
  months: number;
  before: Period | null;
  after: Period | null;
  change: { nps: Change; satisfaction: Change } | null;
};

/** The inbox: cases of one view and state. */
export const useCases = (view: CaseView, state?: CaseState) =>
  useQuery({
    queryKey: ["cases", view, state],
    queryFn: () =>
      api.get<{ items: FollowUpCase[] }>(`/api/v1/cases?view=${view}${state ? `&state=${state}` : ""}`),
  });

/** The follow-up case of one answer, if it has one and the user may see it. */
export const useCaseOfAnswer = (responseId: string, enabled: boolean) =>
  useQuery({
    enabled,
    queryKey: ["cases", "of-answer", responseId],
    queryFn: () => api.get<{ items: FollowUpCase[] }>(`/api/v1/cases?responseId=${responseId}`),
  });

export const useCase = (id: string) =>
  useQuery({ queryKey: ["cases", "one", id], queryFn: () => api.get<CaseDetail>(`/api/v1/cases/${id}`) });

/** Improvement actions completed from `from` to `to` (inclusive days), of a service where given. */
export const useCompletedActions = (from: string, to: string, serviceId?: string, enabled = true) =>
  useQuery({
    enabled,
    queryKey: ["improvement-actions", "completed", from, to, serviceId ?? ""],
    queryFn: () =>
      api.get<{ items: ImprovementAction[] }>(
        `/api/v1/improvement-actions?${new URLSearchParams({
          status: "done",
          completedFrom: from,
          completedTo: to,
          ...(serviceId ? { serviceId } : {}),
        })}`,
      ),
  });

/** How the signed-in case worker hears of assigned cases: an e-mail each, or a daily digest. */
export type AssignmentMail = "each" | "digest";

export const useFollowUpPreference = (enabled = true) =>
  useQuery({
    enabled,
    queryKey: ["follow-up-preference"],
    queryFn: () => api.get<{ assignmentMail: AssignmentMail }>("/api/v1/follow-up-preferences/me"),
  });

export function useSetFollowUpPreference() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (assignmentMail: AssignmentMail) =>
      api.put<{ assignmentMail: AssignmentMail }>("/api/v1/follow-up-preferences/me", { assignmentMail }),
    onSuccess: (data) => queryClient.setQueryData(["follow-up-preference"], data),
  });
}

export const useCaseSummary = (enabled = true) =>
  useQuery({
    queryKey: ["cases", "summary"],
    queryFn: () => api.get<CaseSummary>("/api/v1/cases/summary"),
    enabled,
  });

/** Note, call attempt or state change on a case. */
export function useCaseEvent(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CaseEventBody) => api.post<CaseDetail>(`/api/v1/cases/${id}/events`, body),
    onSuccess: (data) => {
      queryClient.setQueryData(["cases", "one", id], data);
      return queryClient.invalidateQueries({ queryKey: ["cases"] });
    },
  });
}

/** Reassigns a case (or takes it: ownerId = me). */
export function useAssignCase(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ownerId: string | null) => api.patch<CaseDetail>(`/api/v1/cases/${id}`, { ownerId }),
    onSuccess: (data) => {
      queryClient.setQueryData(["cases", "one", id], data);
      return queryClient.invalidateQueries({ queryKey: ["cases"] });
    },
  });
}

export const useActions = () =>
  useQuery({
    queryKey: ["improvement-actions"],
    queryFn: () => api.get<{ items: ImprovementAction[] }>("/api/v1/improvement-actions"),
  });

export const useAction = (id: string) =>
  useQuery({
    queryKey: ["improvement-actions", id],
    queryFn: () => api.get<ImprovementAction>(`/api/v1/improvement-actions/${id}`),
  });

export const useActionEffect = (id: string) =>
  useQuery({
    queryKey: ["improvement-actions", id, "effect"],
    queryFn: () => api.get<ActionEffect>(`/api/v1/improvement-actions/${id}/effect`),
  });

export function useCreateAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { title: string; description: string; deadline: string | null }) =>
      api.post<ImprovementAction>("/api/v1/improvement-actions", body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["improvement-actions"] }),
  });
}

export function useUpdateAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api.patch<ImprovementAction>(`/api/v1/improvement-actions/${id}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["improvement-actions"] }),
  });
}
