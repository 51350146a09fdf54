import { z } from "zod";
import { refinement } from "../../http/problem-language.ts";
import { ZFigures } from "../insights/report-schemas.ts";
import { ZInstantQuery } from "../../http/strict-input.ts";

const ZName = z.string().trim().min(1, "must not be empty").max(80, "at most 80 characters");
const ZKeywords = z
  .array(z.string().trim().min(1, "must not be empty").max(60, "at most 60 characters"))
  .max(200, "at most 200 keywords");

export const ZThemeBody = z
  .strictObject({
    key: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "lower-case letters, digits and hyphens, at most 40"),
    names: z.strictObject({ et: ZName, ru: ZName, en: ZName }),
    keywords: z.strictObject({ et: ZKeywords, ru: ZKeywords, en: ZKeywords }),
  })
  .superRefine((b, ctx) => {
    if (b.keywords.et.length + b.keywords.ru.length + b.keywords.en.length === 0)
      ctx.addIssue({
        code: "custom",
        path: ["keywords"],
        ...refinement("problem.field.someKeyword"),
      });
  });
export type TThemeBody = z.infer<typeof ZThemeBody>;

export const ZTheme = z.object({
  id: z.string(),
  key: z.string(),
  names: z.object({ et: z.string(), ru: z.string(), en: z.string() }),
  keywords: z.object({ et: z.array(z.string()), ru: z.array(z.string()), en: z.array(z.string()) }),
  archived: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TTheme = z.infer<typeof ZTheme>;

export const ZThemeList = z.object({ items: z.array(ZTheme) });

export const ZThemeListQuery = z.object({ archived: z.enum(["true", "false"]).default("false") });

/** Filters of the theme report and the comment lists of this module. */
export const ZThemeFilters = z
  .object({
    from: ZInstantQuery,
    to: ZInstantQuery,
    surveyId: z.uuid({ message: "must be a UUID" }).optional(),
    serviceId: z.uuid({ message: "must be a UUID" }).optional(),
    channelId: z.uuid({ message: "must be a UUID" }).optional(),
    departmentId: z.uuid({ message: "must be a UUID" }).optional(),
  })
  .superRefine((f, ctx) => {
    if (f.from >= f.to)
      ctx.addIssue({ code: "custom", path: ["to"], ...refinement("problem.field.afterFrom") });
  });
export type TThemeFilters = z.infer<typeof ZThemeFilters>;

export const ZThemeReportQuery = ZThemeFilters.and(
  z.object({ by: z.enum(["total", "month", "service", "channel"]).default("total") }),
);

const ZThemeCell = z.object({
  themeId: z.string(),
  /** A month (YYYY-MM), a service id or a channel id; null for the whole period or an answer without the tag. */
  group: z.string().nullable(),
  mentions: z.number().int(),
  figures: ZFigures,
});

export const ZThemeReport = z.object({
  from: z.date(),
  to: z.date(),
  previousFrom: z.date(),
  by: z.enum(["total", "month", "service", "channel"]),
  minSample: z.number().int(),
  commentsAnalysed: z.number().int(),
  commentsWaiting: z.number().int().describe("Comments not analysed yet with the current themes"),
  themes: z.array(
    z.object({
      themeId: z.string(),
      key: z.string(),
      names: z.object({ et: z.string(), ru: z.string(), en: z.string() }),
      mentions: z.number().int(),
      previousMentions: z.number().int(),
      figures: ZFigures,
      previous: ZFigures,
      npsChange: z
        .number()
        .nullable()
        .describe("NPS now minus NPS in the previous period; null if either is withheld"),
    }),
  ),
  cells: z.array(ZThemeCell),
});

export const ZCommentItem = z.object({
  responseId: z.string(),
  comment: z.string(),
  score: z.number().int(),
  locale: z.string(),
  tone: z.string(),
  textTone: z.string(),
  receivedAt: z.date(),
});

export const ZDisagreementQuery = ZThemeFilters.and(
  z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
);
export const ZDisagreements = z.object({ items: z.array(ZCommentItem) });

export const ZSuggestionQuery = ZThemeFilters.and(
  z.object({
    language: z.enum(["et", "ru", "en"]),
    clusters: z.coerce.number().int().min(2).max(12).default(6),
  }),
);
export const ZSuggestions = z.object({
  language: z.string(),
  commentsConsidered: z.number().int(),
  clusters: z.array(
    z.object({
      size: z.number().int(),
      words: z.array(z.string()),
      examples: z.array(ZCommentItem),
    }),
  ),
});
