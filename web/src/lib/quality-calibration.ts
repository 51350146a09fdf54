import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  TCalibrationScore,
  TCalibrationSession,
  TCreateCalibrationRequest,
  ZCalibrationSessionSummary,
  ZCalibrationTrend,
} from "../../../src/modules/quality/calibration-contracts.ts";
import { api } from "../api.ts";

// The server's rule for whose calibration trend a role may read.
export { seesEveryCalibrationTrend } from "../../../src/domain/calibration.ts";

// Types only (erased from the bundle): the screens read exactly the shapes the API's contracts send.
export type CalibrationSession = TCalibrationSession;
export type CalibrationSummary = z.output<typeof ZCalibrationSessionSummary>;
export type CalibrationTrend = z.output<typeof ZCalibrationTrend>;
export type CalibrationScore = TCalibrationScore;
export type NewCalibration = TCreateCalibrationRequest;
export type CalibrationEvaluator = { userId: string; name: string };

const base = "/api/v1/quality/calibration";
const sessionKey = (id: string) => ["quality", "calibration", "session", id] as const;

export const useCalibrationSessions = () =>
  useQuery({
    queryKey: ["quality", "calibration", "sessions"],
    queryFn: () => api.get<{ items: CalibrationSummary[] }>(`${base}/sessions`),
  });

export const useCalibrationSession = (id: string) =>
  useQuery({
    queryKey: sessionKey(id),
    queryFn: () => api.get<CalibrationSession>(`${base}/sessions/${id}`),
  });

export const useCalibrationEvaluators = (enabled = true) =>
  useQuery({
    enabled,
    queryKey: ["quality", "calibration", "evaluators"],
    queryFn: () => api.get<{ items: CalibrationEvaluator[] }>(`${base}/evaluators`),
  });

export const useCalibrationTrend = (userId: string) =>
  useQuery({
    enabled: userId !== "",
    queryKey: ["quality", "calibration", "trend", userId],
    queryFn: () => api.get<CalibrationTrend>(`${base}/evaluators/${encodeURIComponent(userId)}/trend`),
  });

/** A change to a session; the answer replaces the cached session and the lists refresh. */
function useSessionMutation<B>(send: (body: B) => Promise<CalibrationSession>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (data) => {
      queryClient.setQueryData(sessionKey(data.id), data);
      return queryClient.invalidateQueries({ queryKey: ["quality", "calibration"] });
    },
  });
}

export const useCreateCalibration = () =>
  useSessionMutation((body: NewCalibration) => api.post<CalibrationSession>(`${base}/sessions`, body));

export const useSaveCalibrationScores = (id: string) =>
  useSessionMutation((body: { scores: CalibrationScore[]; submit?: boolean }) =>
    api.put<CalibrationSession>(`${base}/sessions/${id}/scores`, body),
  );

export const useSetCalibrationReference = (id: string) =>
  useSessionMutation((body: { scores: CalibrationScore[] }) =>
    api.put<CalibrationSession>(`${base}/sessions/${id}/reference`, body),
  );

/** A 0–1 share as a percentage with one decimal. */
export const share1 = (value: number | null | undefined) =>
  value === null || value === undefined ? "–" : `${(Math.round(value * 1000) / 10).toLocaleString()} %`;
