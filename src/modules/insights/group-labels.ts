import { eq } from "drizzle-orm";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import type { Db } from "../../db/connect.ts";
import { organization } from "../../db/schema.ts";
import { apiRoutes } from "../../http/route.ts";
import type { Api } from "../../http/types.ts";
import { UI_LOCALES } from "../../i18n/locales.ts";
import { groupLabels } from "./labels.ts";

const GROUPS = ["promoter", "passive", "detractor"] as const;
type TGroupName = (typeof GROUPS)[number];
type TOwnLabels = Record<TGroupName, Record<string, string>>;

/**
 * The directive's names of the three groups (promoters 9–10, passives 7–8, detractors 0–6): Positive, Neutral,
 * Developing, in every language of the admin app.
 */
export const DIRECTIVE_GROUP_LABELS: TOwnLabels = {
  promoter: { et: "Positiivne", en: "Positive", ru: "Позитивные", lv: "Pozitīvie", lt: "Teigiami" },
  passive: { et: "Neutraalne", en: "Neutral", ru: "Нейтральные", lv: "Neitrālie", lt: "Neutralūs" },
  detractor: { et: "Arenev", en: "Developing", ru: "Развивающие", lv: "Attīstāmie", lt: "Tobulintini" },
};

const ZLabel = z.string().trim().min(1).max(40);
const ZLanguages = z.strictObject({
  et: ZLabel.describe("Estonian name; used for a language that has none"),
  en: ZLabel.optional(),
  ru: ZLabel.optional(),
  lv: ZLabel.optional(),
  lt: ZLabel.optional(),
});

const ZGroupLabelsBody = z.strictObject({
  labels: z
    .strictObject({ promoter: ZLanguages, passive: ZLanguages, detractor: ZLanguages })
    .nullable()
    .describe("The organisation's names per language; null goes back to the standard names"),
});

const ZPerLocale = z.object({ promoter: z.string(), passive: z.string(), detractor: z.string() });

const ZGroupLabels = z.object({
  custom: z.boolean().describe("Whether the organisation has names of its own"),
  own: z
    .object({
      promoter: z.record(z.string(), z.string()),
      passive: z.record(z.string(), z.string()),
      detractor: z.record(z.string(), z.string()),
    })
    .nullable(),
  byLocale: z.record(z.string(), ZPerLocale).describe("The names shown in each language of the admin app"),
  preset: z.object({
    promoter: z.record(z.string(), z.string()),
    passive: z.record(z.string(), z.string()),
    detractor: z.record(z.string(), z.string()),
  }),
});

/** The organisation's own group names (null: the standard ones) and what each language shows. */
export async function getGroupLabels(db: Db, orgId: string) {
  const [row] = await db
    .select({ labels: organization.groupLabels })
    .from(organization)
    .where(eq(organization.id, orgId));
  const own = row?.labels ?? null;
  return {
    custom: own !== null,
    own,
    byLocale: Object.fromEntries(UI_LOCALES.map((l) => [l, groupLabels(own, l)])),
    preset: DIRECTIVE_GROUP_LABELS,
  };
}

/** Replaces the organisation's group names (or removes them with null). */
export async function setGroupLabels(db: Db, orgId: string, labels: TOwnLabels | null) {
  const clean = labels
    ? (Object.fromEntries(
        GROUPS.map((g) => [
          g,
          Object.fromEntries(Object.entries(labels[g]).filter(([, v]) => typeof v === "string" && v)),
        ]),
      ) as TOwnLabels)
    : null;
  await db.update(organization).set({ groupLabels: clean }).where(eq(organization.id, orgId));
}

/** GET and PUT /group-labels: the names of the promoter, passive and detractor groups. */
export function registerGroupLabelRoutes(app: Api, deps: AppDeps): void {
  const route = apiRoutes(app, deps);
  const tags = ["reports"] as const;
  route.get(
    "/group-labels",
    {
      access: "reports:read",
      schema: {
        operationId: "getGroupLabels",
        tags,
        summary:
          "The organisation's names of the three answer groups, per language, and the directive's preset",
        response: { 200: ZGroupLabels },
      },
    },
    async (_request, _reply, actor) => getGroupLabels(deps.db, actor.orgId),
  );
  route.put(
    "/group-labels",
    {
      access: "org:manage",
      schema: {
        operationId: "setGroupLabels",
        tags,
        summary:
          "Rename the three answer groups for reports, exports, the PDF and the answers list (null: the standard names)",
        body: ZGroupLabelsBody,
        response: { 200: ZGroupLabels },
      },
    },
    async (request, _reply, actor) => {
      await setGroupLabels(deps.db, actor.orgId, request.body.labels);
      return getGroupLabels(deps.db, actor.orgId);
    },
  );
}
