import { eq, or } from "drizzle-orm";
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
import type { TClaimedInvitation } from "./claim-due-invitations.ts";

/** Everything needed to render and send claimed invitations, in one query for the whole batch. */
export async function loadSendContexts(db: Db, claimed: TClaimedInvitation[]) {
  if (!claimed.length) return [];
  const rows = await db
    .select({
      invitation: surveyInvitation,
      contact: { email: contact.email, name: contact.name },
      org: {
        name: organization.name,
        logo: organization.logo,
        rules: organization.contactRules,
        timeZone: organization.timeZone,
      },
      surveyRules: survey.contactRules,
      definition: surveyVersion.definition,
      serviceNames: service.names,
      employeeName: employee.name,
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
    .leftJoin(contact, inOrg(contact, surveyInvitation.orgId, eq(contact.id, surveyInvitation.contactId)))
    .leftJoin(service, inOrg(service, surveyInvitation.orgId, eq(service.id, surveyInvitation.serviceId)))
    .leftJoin(employee, inOrg(employee, surveyInvitation.orgId, eq(employee.id, surveyInvitation.employeeId)))
    .where(or(...claimed.map((c) => inOrg(surveyInvitation, c.orgId, eq(surveyInvitation.id, c.id)))));
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
