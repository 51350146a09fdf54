import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { api } from "../api.ts";
import type { Answer, AnswerPage, Group } from "./survey-types.ts";
import { GROUPS } from "./survey-types.ts";

/** The answer list's filters as they stand in the address bar (dates as YYYY-MM-DD, inclusive). */
export type AnswerFilters = {
  surveyId?: string;
  serviceId?: string;
  departmentId?: string;
  employeeId?: string;
  channelId?: string;
  group?: Group;
  from?: string;
  to?: string;
  hasComment?: "true";
};

const ID_KEYS = ["surveyId", "serviceId", "departmentId", "employeeId", "channelId"] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);

/** Reads the filters from search params, dropping anything malformed. */
export function parseAnswerFilters(s: Record<string, unknown>): AnswerFilters {
  const f: AnswerFilters = {};
  for (const k of ID_KEYS) if (str(s[k])) f[k] = str(s[k]);
  const group = GROUPS.find((g) => g === s.group);
  if (group) f.group = group;
  if (DAY.test(str(s.from) ?? "")) f.from = str(s.from);
  if (DAY.test(str(s.to) ?? "")) f.to = str(s.to);
  if (s.hasComment === "true") f.hasComment = "true";
  return f;
}

/** Local midnight of a civil date, as an instant. */
const startOfDay = (day: string) => new Date(`${day}T00:00:00`);

/** The API's query string: `to` is exclusive there, so the chosen last day runs to the next midnight. */
export function answerQuery(f: AnswerFilters, cursor?: string): string {
  const q = new URLSearchParams();
  for (const k of ID_KEYS) if (f[k]) q.set(k, f[k] as string);
  if (f.group) q.set("group", f.group);
  if (f.from) q.set("from", startOfDay(f.from).toISOString());
  if (f.to) {
    const end = startOfDay(f.to);
    end.setDate(end.getDate() + 1);
    q.set("to", end.toISOString());
  }
  if (f.hasComment) q.set("hasComment", "true");
  q.set("limit", "50");
  if (cursor) q.set("cursor", cursor);
  return q.toString();
}

/** Answers page by page (newest first); `fetchNextPage` loads the next 50. */
export const useAnswers = (filters: AnswerFilters, enabled = true) =>
  useInfiniteQuery({
    enabled,
    queryKey: ["answers", filters],
    queryFn: ({ pageParam }) => api.get<AnswerPage>(`/api/v1/responses?${answerQuery(filters, pageParam)}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

/** One answer. */
export const useAnswer = (id: string) =>
  useQuery({ queryKey: ["answers", "one", id], queryFn: () => api.get<Answer>(`/api/v1/responses/${id}`) });
