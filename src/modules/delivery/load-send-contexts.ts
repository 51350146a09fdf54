import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import {
  contact,
  employee,
  organization,
  service,
  survey,
  surveyInvitation,
  surveyVersion,
} from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { keyInOrgs } from "../distribution/json-rows.ts";
import type { TClaimedInvitation } from "./claim-due-invitations.ts";

/** Everything needed to render and send claimed invitations, in one query for the whole batch. */
export async function loadSendContexts(db: Db, claimed: TClaimedInvitation[]) {
  if (!claimed.length) return [];
  // The contact, service and employee by their primary keys for each invitation (a lateral look-up with LIMIT
  // is not merged into the join): joined directly, the planner was free to find them through another index of
  // the organisation's rows, and did (scanning all the organisation's contacts for each invitation) when its
  // statistics did not know the organisation yet.
  const c = db
    .select({ email: contact.email, name: contact.name })
    .from(contact)
    .where(inOrg(contact, surveyInvitation.orgId, eq(contact.id, surveyInvitation.contactId)))
    .limit(1)
    .as("c");
  const sv = db
    .select({ names: service.names })
    .from(service)
    .where(inOrg(service, surveyInvitation.orgId, eq(service.id, surveyInvitation.serviceId)))
    .limit(1)
    .as("sv");
  const em = db
    .select({ name: employee.name })
    .from(employee)
    .where(inOrg(employee, surveyInvitation.orgId, eq(employee.id, surveyInvitation.employeeId)))
    .limit(1)
    .as("em");
  const rows = await db
    .select({
      invitation: surveyInvitation,
      contact: { email: c.email, name: c.name },
      org: {
        name: organization.name,
        logo: organization.logo,
        rules: organization.contactRules,
        timeZone: organization.timeZone,
      },
      surveyRules: survey.contactRules,
      definition: surveyVersion.definition,
      serviceNames: sv.names,
      employeeName: em.name,
    })
    .from(surveyInvitation)
    .innerJoin(organization, eq(organization.id, surveyInvitation.orgId))
    .innerJoin(survey, inOrg(survey, surveyInvitation.orgId, eq(survey.id, surveyInvitation.surveyId)))
    .innerJoin(
      surveyVersion,
      inOrg(
        surveyVersion,
        survey.orgId,
        eq(surveyVersion.surveyId, survey.id),
        eq(surveyVersion.version, survey.currentVersion),
      ),
    )
    .leftJoinLateral(c, sql`true`)
    .leftJoinLateral(sv, sql`true`)
    .leftJoinLateral(em, sql`true`)
    .where(keyInOrgs(surveyInvitation, claimed));
  const byKey = new Map(claimed.map((c) => [`${c.orgId}:${c.id}`, c]));
  return rows.map((r) => {
    const claim = byKey.get(`${r.invitation.orgId}:${r.invitation.id}`)!;
    // A survey's own setting wins, including an explicit null (no reminder for this survey).
    const own = r.surveyRules?.reminderAfterDays;
    const reminderAfterDays = own !== undefined ? own : (r.org.rules?.reminderAfterDays ?? null);
    const names = {
      service: r.serviceNames ? (r.serviceNames[r.invitation.locale] ?? r.serviceNames.et) : undefined,
      employee: r.employeeName ?? undefined,
    };
    return { ...r, claim, reminderAfterDays, names };
  });
}

export type TSendContext = Awaited<ReturnType<typeof loadSendContexts>>[number];
