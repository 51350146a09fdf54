import type { RefMatch } from "./types.ts";
import { useMutation, useQuery } from "@tanstack/react-query";
import { api } from "../api.ts";

/** The life of an invitation, in the order the overview lists it. */
export const INVITATION_STATES = [
  "scheduled",
  "sending",
  "sent",
  "answered",
  "expired",
  "skipped",
  "failed",
  "dead",
] as const;
export type InvitationState = (typeof INVITATION_STATES)[number];

/** Why an invitation was not scheduled or not sent (the API's reason codes). */
export const REASONS = [
  "no_address",
  "invalid_address",
  "opted_out",
  "duplicate_event",
  "quarantine",
  "blackout",
  "expired",
  "invalid_tag",
  "invalid_row",
  "erased",
  "smtp_error",
] as const;
export type Reason = (typeof REASONS)[number];

export const isReason = (value: unknown): value is Reason => REASONS.includes(value as Reason);

export type Tags = {
  serviceId?: string | null;
  departmentId?: string | null;
  employeeId?: string | null;
  channelId?: string | null;
  audience?: string | null;
};

export type SendBody = { email: string; name?: string; locale?: string; tags?: Tags; occurredAt?: string };

export type ScheduleResult = {
  invitationId: string;
  state: InvitationState;
  sendAt?: string;
  reason?: string;
};

/** Invites one person to a survey (the contact rules apply as to any other invitation). */
export const useSendOne = () =>
  useMutation({
    mutationFn: ({ surveyId, body }: { surveyId: string; body: SendBody }) =>
      api.post<ScheduleResult>(`/api/v1/surveys/${surveyId}/sends`, body),
  });

/** A row that is not scheduled: its line (CSV) or row number (XLSX), the reason and what is wrong. */
export type BulkSkippedRow = {
  line: number;
  reason: string;
  detail: string | null;
};

export type BulkReport = {
  dryRun: boolean;
  bulkId: string | null;
  rows: number;
  scheduled: number;
  skipped: number;
  byReason: Record<string, number>;
  bySendDay: Record<string, number>;
  /** The first 1,000 skipped rows, in file order (`skipped` counts them all). */
  skippedRows: BulkSkippedRow[];
  matches: RefMatch[];
};

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The content type the API expects for a bulk file, by its name (CSV or XLSX), or null for anything else. */
export function bulkFileType(file: File): string | null {
  const name = file.name.toLowerCase();
  if (name.endsWith(".xlsx") || file.type === XLSX_TYPE) return XLSX_TYPE;
  if (name.endsWith(".csv") || file.type === "text/csv") return "text/csv";
  return null;
}

/** Runs a bulk file through the contact rules: a dry run reports only, the real run schedules. */
export const useBulkSend = () =>
  useMutation({
    mutationFn: ({ surveyId, file, dryRun }: { surveyId: string; file: File; dryRun: boolean }) =>
      api.upload<BulkReport>(
        `/api/v1/surveys/${surveyId}/bulk-sends?dryRun=${dryRun}`,
        file,
        bulkFileType(file) ?? "text/csv",
      ),
  });

export type InvitationSummary = {
  total: number;
  byState: Record<string, number>;
  reasons: { state: string; reason: string; count: number }[];
};

export type Invitation = {
  id: string;
  surveyId: string;
  state: InvitationState;
  reason: string | null;
  locale: string;
  serviceId: string | null;
  departmentId: string | null;
  employeeId: string | null;
  channelId: string | null;
  audience: string | null;
  contactId: string | null;
  contactEmail: string | null;
  contactName: string | null;
  occurredAt: string | null;
  scheduledAt: string | null;
  sentAt: string | null;
  answeredAt: string | null;
  expiresAt: string | null;
  createdAt: string;
  source: string | null;
  bulkId: string | null;
  attempts: number;
  lastError: string | null;
};

/** Counts of invitations per state and reason for the query (survey, period, bulk upload). */
export const useInvitationSummary = (query: string) =>
  useQuery({
    queryKey: ["invitations", "summary", query],
    queryFn: () => api.get<InvitationSummary>(`/api/v1/survey-invitations/summary?${query}`),
  });
