import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api.ts";
import { type AnswerFilters, answerQuery, parseAnswerFilters } from "./answers.ts";
import type { Group } from "./survey-types.ts";

/** The comment search's filters as they stand in the address bar: the answer filters plus the words. */
export type CommentFilters = Omit<AnswerFilters, "hasComment"> & { q?: string; themeId?: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads the filters from search params, dropping anything malformed. */
export function parseCommentFilters(s: Record<string, unknown>): CommentFilters {
  const { hasComment: _h, ...f } = parseAnswerFilters(s);
  const q = typeof s.q === "string" ? s.q.trim().slice(0, 200) : "";
  const themeId = typeof s.themeId === "string" && UUID.test(s.themeId) ? s.themeId : undefined;
  return { ...f, ...(q ? { q } : {}), ...(themeId ? { themeId } : {}) };
}

export type PraiseMark = {
  target: "employee" | "service";
  employeeId: string | null;
  serviceId: string | null;
  text: string;
  approved: boolean;
  approvedAt: string | null;
};

export type Comment = {
  id: string;
  surveyId: string;
  comment: string;
  score: number;
  group: Group;
  satisfaction: number | null;
  locale: string;
  serviceId: string | null;
  departmentId: string | null;
  employeeId: string | null;
  channelId: string | null;
  audience: string | null;
  receivedAt: string;
  rank: number | null;
  praise: PraiseMark | null;
};

type CommentPage = { items: Comment[]; nextCursor: string | null };

/** The API's query string for a page of the search (`to` exclusive there, so the last day runs to midnight). */
function commentQuery({ q, themeId, ...f }: CommentFilters, cursor?: string): string {
  const params = new URLSearchParams(answerQuery(f, cursor));
  if (q) params.set("q", q);
  if (themeId) params.set("themeId", themeId);
  return params.toString();
}

/** Comments page by page: best match first when searching, else newest first; `fetchNextPage` loads 50 more. */
export const useComments = (filters: CommentFilters, enabled = true) =>
  useInfiniteQuery({
    enabled,
    queryKey: ["comments", filters],
    queryFn: ({ pageParam }) => api.get<CommentPage>(`/api/v1/comments?${commentQuery(filters, pageParam)}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export type MarkPraiseInput = { target: "employee" | "service"; text: string };

/** Marking, approving and removing praise; each refreshes the lists that show it. */
export function usePraiseActions() {
  const client = useQueryClient();
  const refresh = () =>
    Promise.all(
      ["comments", "praise", "employee-of-the-month"].map((k) => client.invalidateQueries({ queryKey: [k] })),
    );
  const mark = useMutation({
    mutationFn: ({ id, body }: { id: string; body: MarkPraiseInput }) =>
      api.post(`/api/v1/comments/${id}/praise`, body),
    onSuccess: refresh,
  });
  const approve = useMutation({
    mutationFn: (id: string) => api.post(`/api/v1/comments/${id}/praise/approve`),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.del(`/api/v1/comments/${id}/praise`),
    onSuccess: refresh,
  });
  return { mark, approve, remove };
}

export type EmployeeOfTheMonth = {
  month: string;
  minAnswers: number;
  employees: {
    rank: number;
    employeeId: string;
    name: string;
    nps: number;
    npsInterval: { low: number; high: number } | null;
    answers: number;
    lowReliability: boolean;
    praise: { text: string; approvedAt: string }[];
  }[];
};

/** The month's ranking of employees with their approved praise. */
export const useEmployeeOfTheMonth = (month: string, locale: string) =>
  useQuery({
    queryKey: ["employee-of-the-month", month, locale],
    queryFn: () =>
      api.get<EmployeeOfTheMonth>(
        `/api/v1/reports/employee-of-the-month?${new URLSearchParams({ month, locale })}`,
      ),
  });

/** Whether the wall is on; turning it on returns its new link once. */
export function usePraiseWall(enabled: boolean) {
  const client = useQueryClient();
  const status = useQuery({
    enabled,
    queryKey: ["praise-wall"],
    queryFn: () => api.get<{ enabled: boolean }>("/api/v1/praise-wall"),
  });
  const turnOn = useMutation({
    mutationFn: () => api.post<{ enabled: true; url: string }>("/api/v1/praise-wall"),
    onSuccess: () => client.invalidateQueries({ queryKey: ["praise-wall"] }),
  });
  const turnOff = useMutation({
    mutationFn: () => api.del("/api/v1/praise-wall"),
    onSuccess: () => client.invalidateQueries({ queryKey: ["praise-wall"] }),
  });
  return { status, turnOn, turnOff };
}

/** The public widget's switch and its embed code. */
export function usePublicWidget(enabled: boolean) {
  const client = useQueryClient();
  const status = useQuery({
    enabled,
    queryKey: ["public-widget"],
    queryFn: () => api.get<{ enabled: boolean; snippet: string }>("/api/v1/public-widget"),
  });
  const set = useMutation({
    mutationFn: (on: boolean) =>
      api.put<{ enabled: boolean; snippet: string }>("/api/v1/public-widget", { enabled: on }),
    onSuccess: (data) => client.setQueryData(["public-widget"], data),
  });
  return { status, set };
}

type Labels = Record<Group, string>;
type OwnLabels = Record<Group, Record<string, string>>;
export type GroupLabelSettings = {
  custom: boolean;
  own: OwnLabels | null;
  byLocale: Record<string, Labels>;
  preset: OwnLabels;
};

/** The organisation's names of the three groups, and saving them. */
export function useGroupLabelSettings() {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: ["group-label-settings"],
    queryFn: () => api.get<GroupLabelSettings>("/api/v1/group-labels"),
  });
  const save = useMutation({
    mutationFn: (labels: OwnLabels | null) => api.put<GroupLabelSettings>("/api/v1/group-labels", { labels }),
    onSuccess: async (data) => {
      client.setQueryData(["group-label-settings"], data);
      await client.invalidateQueries({ queryKey: ["group-labels"] });
      await client.invalidateQueries({ queryKey: ["reports"] });
    },
  });
  return { query, save };
}
