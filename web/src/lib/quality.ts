import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  ZAgreement,
  ZEmployeeOverview,
  ZEvaluation,
  ZEvaluationDetail,
  ZModel,
  ZModelDefinition,
  ZModelDetail,
  ZModelVersion,
  ZQualityReport,
  ZQueue,
  ZScoresRequest,
  ZSettings,
  ZTemplate,
} from "../../../src/modules/quality/contracts.ts";
import { api } from "../api.ts";

// The server's scoring rules, so the running section and total figures equal what the server stores.
export {
  activationProblems,
  defaultQualityBands,
  type QualityBand,
  type QualityScores,
  scoreQualityEvaluation,
} from "../../../src/domain/quality-score.ts";

// Types only (erased from the bundle): the screens read exactly the shapes the API's contracts send.
export type QualityModel = z.output<typeof ZModel>;
export type QualityModelDetail = z.output<typeof ZModelDetail>;
export type QualityModelVersion = z.output<typeof ZModelVersion>;
export type ModelDefinition = z.output<typeof ZModelDefinition>;
export type QualityTemplate = z.output<typeof ZTemplate>;
export type QualitySettings = z.output<typeof ZSettings>;
export type Evaluation = z.output<typeof ZEvaluation>;
export type EvaluationDetail = z.output<typeof ZEvaluationDetail>;
export type Agreement = z.output<typeof ZAgreement>;
export type ScoresBody = z.input<typeof ZScoresRequest>;

export const QUALITY_CHANNELS = ["face_to_face", "phone", "email", "self_service", "other"] as const;
export type QualityChannel = (typeof QUALITY_CHANNELS)[number];
export const EVALUATION_STATES = ["draft", "submitted", "seen", "disputed", "final"] as const;
export type EvaluationState = (typeof EVALUATION_STATES)[number];
export const AGREEMENT_STATES = ["open", "done", "missed"] as const;
export type AgreementState = (typeof AGREEMENT_STATES)[number];

export type EvaluationFilters = {
  employeeId?: string;
  channel?: QualityChannel;
  month?: string;
  state?: EvaluationState;
};

const query = (params: Record<string, string | undefined>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
};

export const useQualityTemplates = () =>
  useQuery({
    queryKey: ["quality", "templates"],
    queryFn: () => api.get<{ items: QualityTemplate[] }>("/api/v1/quality/templates"),
  });

export const useQualityModels = () =>
  useQuery({
    queryKey: ["quality", "models"],
    queryFn: () => api.get<{ items: QualityModel[] }>("/api/v1/quality/models"),
  });

export const useQualityModel = (id: string, enabled = true) =>
  useQuery({
    enabled,
    queryKey: ["quality", "models", id],
    queryFn: () => api.get<QualityModelDetail>(`/api/v1/quality/models/${id}`),
  });

export const useQualitySettings = () =>
  useQuery({
    queryKey: ["quality", "settings"],
    queryFn: () => api.get<QualitySettings>("/api/v1/quality/settings"),
  });

export const useEvaluations = (filters: EvaluationFilters) =>
  useQuery({
    queryKey: ["quality", "evaluations", filters],
    queryFn: () =>
      api.get<{ items: Evaluation[]; nextCursor: string | null }>(
        `/api/v1/quality/evaluations${query(filters)}`,
      ),
  });

export const useEvaluation = (id: string) =>
  useQuery({
    queryKey: ["quality", "evaluation", id],
    queryFn: () => api.get<EvaluationDetail>(`/api/v1/quality/evaluations/${id}`),
  });

export const useAgreements = (filters: { state?: AgreementState; employeeId?: string }) =>
  useQuery({
    queryKey: ["quality", "agreements", filters],
    queryFn: () => api.get<{ items: Agreement[] }>(`/api/v1/quality/agreements${query(filters)}`),
  });

/** A change to the quality data; the answer replaces the cached evaluation or model and lists refresh. */
function useQualityMutation<B, R>(send: (body: B) => Promise<R>, cacheKey?: readonly unknown[]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (data) => {
      if (cacheKey) queryClient.setQueryData(cacheKey, data);
      return queryClient.invalidateQueries({ queryKey: ["quality"] });
    },
  });
}

export type NewEvaluation = {
  employeeId: string;
  modelVersionId: string;
  contact: { kind: "reference"; reference?: string; durationSec?: number; date: string };
};

export const useCreateEvaluation = () =>
  useQualityMutation((body: NewEvaluation) =>
    api.post<EvaluationDetail>("/api/v1/quality/evaluations", body),
  );

const evaluationKey = (id: string) => ["quality", "evaluation", id] as const;
const evaluationPath = (id: string) => `/api/v1/quality/evaluations/${id}`;

export const useSaveScores = (id: string) =>
  useQualityMutation(
    (body: ScoresBody) => api.put<EvaluationDetail>(`${evaluationPath(id)}/scores`, body),
    evaluationKey(id),
  );

/** Submit, finalize or revise: a transition without a body. */
export const useTransition = (id: string, step: "submit" | "finalize" | "revisions") =>
  useQualityMutation(() => api.post<EvaluationDetail>(`${evaluationPath(id)}/${step}`), evaluationKey(id));

export const useAcknowledge = (id: string) =>
  useQualityMutation(
    (body: { comment?: string }) => api.post<EvaluationDetail>(`${evaluationPath(id)}/acknowledge`, body),
    evaluationKey(id),
  );

export const useDispute = (id: string) =>
  useQualityMutation(
    (body: { criterionKey: string; text: string }) =>
      api.post<EvaluationDetail>(`${evaluationPath(id)}/disputes`, body),
    evaluationKey(id),
  );

export type ResolveBody = {
  criterionKey: string;
  resolution: "upheld" | "changed";
  value?: number;
  note?: string;
};
export const useResolve = (id: string) =>
  useQualityMutation(
    (body: ResolveBody) => api.post<EvaluationDetail>(`${evaluationPath(id)}/resolutions`, body),
    evaluationKey(id),
  );

export type NewAgreement = {
  text: string;
  responsibleUserId?: string;
  responsibleEmployeeId?: string;
  deadline: string;
};
export const useCreateAgreement = (id: string) =>
  useQualityMutation((body: NewAgreement) => api.post<Agreement>(`${evaluationPath(id)}/agreements`, body));

export const useUpdateAgreement = () =>
  useQualityMutation((body: { id: string; state: AgreementState }) =>
    api.patch<Agreement>(`/api/v1/quality/agreements/${body.id}`, { state: body.state }),
  );

export const useCreateModel = () =>
  useQualityMutation((body: { name: string; templateKey?: string; definition?: ModelDefinition }) =>
    api.post<QualityModelDetail>("/api/v1/quality/models", body),
  );

export const useNewVersion = (modelId: string) =>
  useQualityMutation(
    () => api.post<QualityModelDetail>(`/api/v1/quality/models/${modelId}/versions`, {}),
    ["quality", "models", modelId],
  );

export const useSaveDraft = (modelId: string, version: number) =>
  useQualityMutation(
    (definition: ModelDefinition) =>
      api.put<QualityModelDetail>(`/api/v1/quality/models/${modelId}/versions/${version}`, { definition }),
    ["quality", "models", modelId],
  );

export const useActivate = (modelId: string, version: number) =>
  useQualityMutation(
    () => api.post<QualityModelDetail>(`/api/v1/quality/models/${modelId}/versions/${version}/activate`),
    ["quality", "models", modelId],
  );

/** The percentage as the screens show it: one decimal place, unrounded figures kept visible. */
export const pct1 = (value: number | null | undefined) =>
  value === null || value === undefined ? "–" : `${(Math.round(value * 10) / 10).toLocaleString()} %`;

/** GET /api/v1/employees/{id}/overview. */
export type EmployeeOverview = z.output<typeof ZEmployeeOverview>;

export const useEmployeeOverview = (id: string) =>
  useQuery({
    queryKey: ["quality", "overview", id],
    queryFn: () => api.get<EmployeeOverview>(`/api/v1/employees/${id}/overview`),
  });

export type QualityReport = z.output<typeof ZQualityReport>;
export type QualityQueue = z.output<typeof ZQueue>;

export const useQualityReport = (from: string, to: string) =>
  useQuery({
    queryKey: ["quality", "report", from, to],
    queryFn: () => api.get<QualityReport>(`/api/v1/quality/reports/summary${query({ from, to })}`),
  });

export const useQualityQueue = (month: string, enabled: boolean) =>
  useQuery({
    enabled,
    queryKey: ["quality", "queue", month],
    queryFn: () => api.get<QualityQueue>(`/api/v1/quality/queue${query({ month })}`),
  });

/** YYYY-MM of a date, and the month `back` months before it. */
export const monthOf = (date: Date, back = 0) => {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - back, 1));
  return d.toISOString().slice(0, 7);
};

/** The bands from best to modest, for table columns. */
export const BANDS_ORDER = ["very_good", "good", "modest"] as const;
