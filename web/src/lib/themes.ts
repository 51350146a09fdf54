import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api.ts";
import type { ReportFigures } from "./reports.ts";

export const THEME_LANGUAGES = ["et", "ru", "en"] as const;
export type ThemeLanguage = (typeof THEME_LANGUAGES)[number];

export type Theme = {
  id: string;
  key: string;
  names: Record<ThemeLanguage, string>;
  keywords: Record<ThemeLanguage, string[]>;
  archived: boolean;
};
export type ThemeInput = Pick<Theme, "key" | "names" | "keywords">;

export type ThemeRow = {
  themeId: string;
  key: string;
  names: Record<ThemeLanguage, string>;
  mentions: number;
  previousMentions: number;
  figures: ReportFigures;
  previous: ReportFigures;
  npsChange: number | null;
};
export type ThemeReport = {
  minSample: number;
  commentsAnalysed: number;
  commentsWaiting: number;
  themes: ThemeRow[];
  cells: { themeId: string; group: string | null; mentions: number; figures: ReportFigures }[];
};
export type AnalysedComment = {
  responseId: string;
  comment: string;
  score: number;
  locale: string;
  tone: string;
  textTone: string;
  receivedAt: string;
};
export type Suggestions = {
  commentsConsidered: number;
  clusters: { size: number; words: string[]; examples: AnalysedComment[] }[];
};

export const PERIODS = ["30", "90", "365"] as const;
export type Period = (typeof PERIODS)[number];

/** The last `days` days up to now, as the API's from/to query. */
export function periodQuery(days: Period): string {
  const to = new Date();
  const from = new Date(to.getTime() - Number(days) * 86_400_000);
  return new URLSearchParams({ from: from.toISOString(), to: to.toISOString() }).toString();
}

const THEMES = ["themes"] as const;

export const useThemes = (archived = false) =>
  useQuery({
    queryKey: [...THEMES, "list", archived],
    queryFn: () => api.get<{ items: Theme[] }>(`/api/v1/themes?archived=${archived}`).then((r) => r.items),
  });

export const useThemeReport = (period: Period) =>
  useQuery({
    queryKey: [...THEMES, "report", period],
    queryFn: () => api.get<ThemeReport>(`/api/v1/themes/report?${periodQuery(period)}`),
    placeholderData: keepPreviousData,
  });

export const useSuggestions = (period: Period, language: ThemeLanguage) =>
  useQuery({
    queryKey: [...THEMES, "suggestions", period, language],
    queryFn: () =>
      api.get<Suggestions>(`/api/v1/themes/suggestions?${periodQuery(period)}&language=${language}`),
  });

export const useDisagreements = (period: Period) =>
  useQuery({
    queryKey: [...THEMES, "disagreements", period],
    queryFn: () =>
      api
        .get<{ items: AnalysedComment[] }>(`/api/v1/themes/tone-disagreements?${periodQuery(period)}`)
        .then((r) => r.items),
  });

type ThemeChange =
  | { kind: "create"; theme: ThemeInput }
  | { kind: "update"; id: string; theme: ThemeInput }
  | { kind: "archive"; id: string; archived: boolean }
  | { kind: "starter" };

/** Creates, edits, archives or restores a theme, or copies the starter set; refreshes every theme query. */
export function useThemeChange() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (c: ThemeChange): Promise<unknown> => {
      if (c.kind === "create") return api.post("/api/v1/themes", c.theme);
      if (c.kind === "update") return api.put(`/api/v1/themes/${c.id}`, c.theme);
      if (c.kind === "archive") return api.put(`/api/v1/themes/${c.id}/archived`, { archived: c.archived });
      return api.post("/api/v1/themes/starter");
    },
    onSuccess: () => client.invalidateQueries({ queryKey: THEMES }),
  });
}
