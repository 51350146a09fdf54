import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api.ts";

export type PersonalDataKind = "personalCode" | "iban" | "email" | "phone";
export type FlaggedComment = {
  responseId: string;
  receivedAt: string;
  comment: string;
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

/** Downloads everything held on a person as a JSON file. */
export const useExportPerson = () =>
  useMutation({
    mutationFn: async (q: PersonQuery) => {
      const data = await api.post<unknown>("/api/v1/privacy/person-export", q);
      const url = URL.createObjectURL(
        new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }),
      );
      const link = document.createElement("a");
      link.href = url;
      link.download = "personal-data.json";
      link.click();
      URL.revokeObjectURL(url);
    },
  });

/** Erases everything held on a person; answers the receipt. */
export const useErasePerson = () =>
  useMutation({
    mutationFn: (q: PersonQuery) => api.post<ErasureReceipt>("/api/v1/privacy/person-erase", q),
  });
