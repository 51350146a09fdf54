import { randomUUID } from "node:crypto";
import type { Db } from "../../db/connect.ts";
import { surveyInvitation } from "../../db/schema.ts";
import { ANSWER_WINDOW_DAYS } from "./record-answer.ts";
import { generateSurveyToken } from "./tokens.ts";

export interface IssueInvitationOptions {
  orgId: string;
  surveyId: string;
  locale: string;
  serviceId?: string | null;
  departmentId?: string | null;
  employeeId?: string | null;
  channelId?: string | null;
  audience?: string | null;
  contactId?: string | null;
  sentAt?: Date;
}

/** Records an invitation as sent and returns its link token (the only time the token exists in clear). */
export async function issueSentInvitation(db: Db, { sentAt = new Date(), ...o }: IssueInvitationOptions) {
  const { token, hash } = generateSurveyToken();
  const id = randomUUID();
  await db.insert(surveyInvitation).values({
    ...o,
    id,
    tokenHash: hash,
    state: "sent",
    scheduledAt: sentAt,
    sentAt,
    expiresAt: new Date(sentAt.getTime() + ANSWER_WINDOW_DAYS * 86_400_000),
  });
  return { id, token };
}
