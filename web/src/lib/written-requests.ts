import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api.ts";

export const WRITTEN_REQUEST_VIEWS = ["today", "week", "overdue", "all"] as const;
export type WrittenRequestView = (typeof WRITTEN_REQUEST_VIEWS)[number];
export const WRITTEN_REQUEST_KINDS = ["letter", "information_request", "custom"] as const;
export type WrittenRequestKind = (typeof WRITTEN_REQUEST_KINDS)[number];

export type WrittenRequest = {
  id: string;
  reference: string;
  kind: WrittenRequestKind;
  deadlineDays: number | null;
  receivedAt: string;
  /** The last civil day on which a reply is on time (the server's Estonian calendar). */
  deadline: string;
  remindOn: string;
  repliedAt: string | null;
  employeeId: string | null;
  serviceId: string | null;
};

export type NewWrittenRequest = {
  reference: string;
  kind: WrittenRequestKind;
  deadlineDays?: number;
  receivedAt: string;
  employeeId?: string;
  serviceId?: string;
};

const KEY = ["written-requests"] as const;

/** Open requests due today, this week, overdue, or all requests. */
export const useWrittenRequests = (view: WrittenRequestView) =>
  useQuery({
    queryKey: [...KEY, view],
    queryFn: () => api.get<{ items: WrittenRequest[] }>(`/api/v1/written-requests?due=${view}`),
  });

export function useCreateWrittenRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewWrittenRequest) => api.post<WrittenRequest>("/api/v1/written-requests", body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

/** Records the reply (now) to one request. */
export function useMarkReplied() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.patch<WrittenRequest>(`/api/v1/written-requests/${id}`, { repliedAt: new Date().toISOString() }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

/** Today as YYYY-MM-DD in the browser's time zone (the deadlines are civil days). */
export const localToday = (now = new Date()) =>
  `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
