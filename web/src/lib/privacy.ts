import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api.ts";

export type PersonalDataKind = "personalCode" | "iban" | "email" | "phone";
export type FlaggedComment = {
  responseId: string;
  receivedAt: string;
  comment: string;
  /** The answer's text answers that hold personal data. */
  textAnswers: string[];
  kinds: PersonalDataKind[];
};
export type PersonQuery = { email: string } | { phone: string };
export type PersonCounts = {
  contacts: number;
  invitations: number;
  answers: number;
  cases: number;
  unsubscribes: number;
  messages: number;
};
export type ErasureReceipt = {
  erasedAt: string;
  erasedBy: { type: string; id: string | null };
  removed: PersonCounts;
  note: string;
};

/** Comments that hold personal data: how many, and the first of them. */
export const useFlaggedComments = (enabled: boolean) =>
  useQuery({
    enabled,
    queryKey: ["privacy", "comments"],
    queryFn: () =>
      api.get<{ count: number; items: FlaggedComment[] }>("/api/v1/privacy/personal-data-comments"),
  });

/** Removes the personal data of one comment for good. */
export function useRedactComment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (responseId: string) => api.post(`/api/v1/comments/${responseId}/redact`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["privacy", "comments"] }),
  });
}

/** Counts what Kaja holds on a person. */
export const useSearchPerson = () =>
  useMutation({
    mutationFn: (q: PersonQuery) => api.post<{ counts: PersonCounts }>("/api/v1/privacy/person-search", q),
  });

function saveFile(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

/** Downloads everything held on a person as a JSON file or a readable PDF in the person's language. */
export const useExportPerson = () =>
  useMutation({
    mutationFn: async ({ q, format }: { q: PersonQuery; format: "json" | "pdf" }) => {
      if (format === "pdf")
        return saveFile(await api.postForFile("/api/v1/privacy/person-export.pdf", q), "personal-data.pdf");
      const data = await api.post<unknown>("/api/v1/privacy/person-export", q);
      saveFile(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }), "personal-data.json");
    },
  });

/** Erases everything held on a person; answers the receipt. */
export const useErasePerson = () =>
  useMutation({
    mutationFn: (q: PersonQuery) => api.post<ErasureReceipt>("/api/v1/privacy/person-erase", q),
  });

export type RetentionPeriods = {
  contactMonths: number;
  invitationMonths: number;
  respondentMonths: number;
  callbackMonths: number;
  commentMonths: number;
};
export type RetentionCounts = {
  contacts: number;
  invitations: number;
  messages: number;
  respondents: number;
  callbacks: number;
  comments: number;
};

/** The saved retention periods (the defaults when never saved). */
export const useRetention = () =>
  useQuery({
    queryKey: ["privacy", "retention"],
    queryFn: () => api.get<RetentionPeriods>("/api/v1/privacy/retention"),
  });

/** What the next daily run would anonymise with the proposed periods. */
export const useRetentionPreview = (periods: RetentionPeriods | null) =>
  useQuery({
    enabled: periods !== null,
    queryKey: ["privacy", "retention", "preview", periods],
    queryFn: () =>
      api.get<{ periods: RetentionPeriods; counts: RetentionCounts }>(
        `/api/v1/privacy/retention/preview?${new URLSearchParams(
          Object.entries(periods ?? {}).map(([k, v]) => [k, String(v)]),
        )}`,
      ),
  });

/** Saves the retention periods. */
export function useSaveRetention() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (periods: RetentionPeriods) =>
      api.put<RetentionPeriods>("/api/v1/privacy/retention", periods),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["privacy", "retention"] }),
  });
}

/** A survey's own periods (null: the organisation's). */
export type SurveyRetention = {
  surveyId: string;
  surveyName: string;
  invitationMonths: number | null;
  respondentMonths: number | null;
  callbackMonths: number | null;
  commentMonths: number | null;
};
export type SurveyPeriods = Omit<SurveyRetention, "surveyId" | "surveyName">;

/** The surveys that keep personal data for periods of their own. */
export const useSurveyRetentions = () =>
  useQuery({
    queryKey: ["privacy", "retention", "surveys"],
    queryFn: () => api.get<{ items: SurveyRetention[] }>("/api/v1/privacy/retention/surveys"),
  });

/** Sets a survey's own periods, or (with `periods` null) removes them. */
export function useSaveSurveyRetention() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ surveyId, periods }: { surveyId: string; periods: SurveyPeriods | null }) =>
      periods
        ? api.put(`/api/v1/privacy/retention/surveys/${surveyId}`, periods)
        : api.del(`/api/v1/privacy/retention/surveys/${surveyId}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["privacy", "retention"] }),
  });
}
