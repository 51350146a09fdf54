import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { channel, employee, organization, service, survey, surveyVersion } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import type { TPlaceholderNames } from "../../views/answer-page.ts";

/** A non-archived website survey by its public slugs, with its current definition; null otherwise. */
export async function findWebsiteSurvey(db: Db, orgSlug: string, surveySlug: string) {
  const [row] = await db
    .select({
      org: { id: organization.id, name: organization.name },
      survey: { id: survey.id, version: survey.currentVersion },
      definition: surveyVersion.definition,
    })
    .from(survey)
    .innerJoin(organization, eq(organization.id, survey.orgId))
    .innerJoin(
      surveyVersion,
      inOrg(
        surveyVersion,
        survey.orgId,
        eq(surveyVersion.surveyId, survey.id),
        eq(surveyVersion.version, survey.currentVersion),
      ),
    )
    .where(
      and(
        eq(organization.slug, orgSlug),
        eq(survey.slug, surveySlug),
        eq(survey.kind, "website"),
        isNull(survey.archivedAt),
      ),
    );
  return row ?? null;
}

/** The `?service=` and `?channel=` tags of a website survey link; ids of other organisations are dropped. */
export async function findWebsiteTags(db: Db, orgId: string, keep: Record<string, string>) {
  const [serviceId, channelId] = [keep.service, keep.channel];
  const [[s], [c]] = await Promise.all([
    serviceId
      ? db
          .select({ id: service.id })
          .from(service)
          .where(inOrg(service, orgId, eq(service.id, serviceId)))
      : [],
    channelId
      ? db
          .select({ id: channel.id })
          .from(channel)
          .where(inOrg(channel, orgId, eq(channel.id, channelId)))
      : [],
  ]);
  return { serviceId: s?.id ?? null, channelId: c?.id ?? null };
}

/** Names for {org}, {service} and {employee} from the catalogue, in the page language. */
export async function findPlaceholderNames(
  db: Db,
  org: { id: string; name: string },
  locale: string,
  { serviceId, employeeId }: { serviceId?: string | null; employeeId?: string | null },
): Promise<TPlaceholderNames> {
  const [[s], [e]] = await Promise.all([
    serviceId
      ? db
          .select({ names: service.names })
          .from(service)
          .where(inOrg(service, org.id, eq(service.id, serviceId)))
      : [],
    employeeId
      ? db
          .select({ name: employee.name })
          .from(employee)
          .where(inOrg(employee, org.id, eq(employee.id, employeeId)))
      : [],
  ]);
  return { org: org.name, service: s ? (s.names[locale] ?? s.names.et) : undefined, employee: e?.name };
}
