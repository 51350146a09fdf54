/** Dimensions a summary can be grouped by (one or two of them). */
export const GROUP_BY = [
  "month",
  "week",
  "day",
  "service",
  "serviceType",
  "department",
  "employee",
  "channel",
  "audience",
] as const;
export type TGroupBy = (typeof GROUP_BY)[number];

/** Groupings along time; the others are tags of the answers. */
export const TIME_GROUPS: readonly TGroupBy[] = ["month", "week", "day"];

/** Filters of a report; every id belongs to the caller's organisation. */
export interface SummaryFilters {
  surveyId?: string;
  serviceId?: string;
  /** service.type, e.g. e_service */
  serviceType?: string;
  departmentId?: string;
  employeeId?: string;
  channelId?: string;
  /** external | internal | partner */
  audience?: string;
  /** Language the answer was given in (survey locale, e.g. "ru"). */
  language?: string;
  /** First civil date (YYYY-MM-DD) in the organisation's time zone, inclusive. */
  from?: string;
  /** Civil date (YYYY-MM-DD) in the organisation's time zone, exclusive. */
  to?: string;
}

export interface SummaryOptions extends SummaryFilters {
  /** At most two dimensions, e.g. ["month", "service"]; none gives only the total. */
  groupBy?: TGroupBy[];
  /** Language of labels (service and channel names); Estonian by default. */
  locale?: string;
  /** "previous": also the total of the period of the same length just before (needs from and to). */
  compare?: "previous";
}

/**
 * Which answers a report may count: the whole organisation, the answers tagged with any of the given departments
 * (a manager's subtree), or those tagged with any of the given employees (an agent's own). Empty lists see nothing.
 */
export type TReportScope =
  | { kind: "organisation" }
  | { kind: "departments"; departmentIds: string[] }
  | { kind: "employees"; employeeIds: string[] };

/** A 95 % interval in index points (−100..+100), one decimal. */
export interface TInterval {
  low: number;
  high: number;
}

/** Figures of one group (or the total). Score-derived figures are null when the group is withheld. */
export interface TFigures {
  /** Recommendation answers in the group (shown even when withheld: a count says nothing about what was answered). */
  answers: number;
  /** Fewer answers than the organisation's minimum sample: every score-derived figure is null. */
  withheld: boolean;
  /** Fewer than 30 answers (and not withheld): the interval is wide. */
  lowReliability: boolean;
  promoters: number | null;
  passives: number | null;
  detractors: number | null;
  /** Shares in % (one decimal). */
  promoterPct: number | null;
  passivePct: number | null;
  detractorPct: number | null;
  /** −100..+100, one decimal. */
  nps: number | null;
  npsInterval: TInterval | null;
  /** Answers per score 0..10 (null when withheld). */
  scores: number[] | null;
  satisfaction: {
    /** Satisfaction answers (the question is optional, so this can be below `answers`). */
    answers: number;
    withheld: boolean;
    lowReliability: boolean;
    /** The satisfaction index, scored with the NPS formula; one decimal. */
    index: number | null;
    interval: TInterval | null;
  };
  /** Invitations whose sending falls in the group. */
  invitationsSent: number;
  /** Answers given through an invitation (website and imported answers have none). */
  invitationAnswers: number;
  /** invitationAnswers / invitationsSent in % (one decimal); null when none were sent. */
  responseRate: number | null;
}

/** One key of a group: the dimension, the raw id (date for time groups) and a display label. */
export interface TGroupKey {
  dimension: TGroupBy;
  /** Id of the service, employee… (null: answers without that tag); for time groups the first date (YYYY-MM-DD). */
  id: string | null;
  /** Name in the requested language, or the ISO label of a period (2026-03, 2026-W11, 2026-03-15). */
  label: string | null;
}

export interface TSummaryGroup extends TFigures {
  keys: TGroupKey[];
}

/** Where the figures were read from (see docs/insights.md). */
export const SUMMARY_SOURCES = [
  "rollup_month_service",
  "rollup_month_service+rollup_day",
  "rollup_month_employee",
  "rollup_month_employee+rollup_day_employee",
  "rollup_day_employee",
  "rollup_month_coarse",
  "rollup_day",
  "rollup_month_coarse+rollup_day",
  "rollup_month",
  "rollup_month+answers",
  "answers",
] as const;
export type TSummarySource = (typeof SUMMARY_SOURCES)[number];

export interface TSummary {
  meta: {
    timeZone: string;
    from: string | null;
    to: string | null;
    groupBy: TGroupBy[];
    locale: string;
    minSample: number;
    lowReliabilityBelow: number;
    interval: { method: "adjusted-wald"; confidence: 0.95 };
    /** The organisation's names of the three answer groups, in `locale`. */
    groupLabels: { promoter: string; passive: string; detractor: string };
    scope: TReportScope["kind"];
    source: TSummarySource;
  };
  groups: TSummaryGroup[];
  total: TFigures;
  /** With compare=previous: the previous period's total and the change against it; else null. */
  comparison: TComparison | null;
}

/** The total of the previous period and whether the change from it is more than chance (5 % two-sided z-test). */
export interface TComparison {
  from: string;
  to: string;
  total: TFigures;
  /** Current NPS minus previous NPS in points (one decimal); null when either period is withheld. */
  npsChange: number | null;
  /** Whether that change is statistically significant; null when there is no change to test. */
  npsChangeSignificant: boolean | null;
  satisfactionChange: number | null;
  satisfactionChangeSignificant: boolean | null;
}
