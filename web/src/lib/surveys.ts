import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api.ts";
import type { RecommendObject, Survey, SurveyDefinition, SurveyKind, SurveySummary } from "./survey-types.ts";

/** The organisation's surveys, optionally with archived ones. */
export const useSurveys = (includeArchived = false) =>
  useQuery({
    queryKey: ["surveys", { includeArchived }],
    queryFn: () =>
      api.get<SurveySummary[]>(`/api/v1/surveys${includeArchived ? "?includeArchived=true" : ""}`),
  });

/** One survey with the definition of its current version. */
export const useSurvey = (id: string) =>
  useQuery({
    queryKey: ["surveys", "one", id],
    queryFn: () => api.get<Survey>(`/api/v1/surveys/${id}`),
    enabled: !!id,
  });

/** One version of a survey (answers keep the version they were given on). */
export const useSurveyVersion = (id: string | undefined, version: number | undefined) =>
  useQuery({
    queryKey: ["surveys", "version", id, version],
    queryFn: () =>
      api.get<{ version: number; definition: SurveyDefinition; createdAt: string }>(
        `/api/v1/surveys/${id}/versions/${version}`,
      ),
    enabled: !!id && !!version,
    // A version never changes once it exists.
    staleTime: Number.POSITIVE_INFINITY,
  });

export type NewSurvey = {
  name: string;
  kind: SurveyKind;
  locales: string[];
  defaultLocale: string;
  recommendObject: RecommendObject;
};

/** Creates a survey with the standard wordings in the chosen languages. */
export function useCreateSurvey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewSurvey) => api.post<Survey>("/api/v1/surveys", body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["surveys"] }),
  });
}

export type SurveyChanges = {
  name?: string;
  kind?: SurveyKind;
  slug?: string;
  definition?: SurveyDefinition;
};

/** Saves a survey; the answer tells whether a new version was started. */
export function useUpdateSurvey(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SurveyChanges) => api.patch<Survey>(`/api/v1/surveys/${id}`, body),
    onSuccess: (survey) => {
      queryClient.setQueryData(["surveys", "one", id], survey);
      return queryClient.invalidateQueries({ queryKey: ["surveys"], exact: false });
    },
  });
}

/** Archives or restores a survey (its answers stay). */
export function useArchiveSurvey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, archive }: { id: string; archive: boolean }) =>
      api.post<Survey>(`/api/v1/surveys/${id}/${archive ? "archive" : "restore"}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["surveys"] }),
  });
}
