import { createHmac } from "node:crypto";
import { hashSurveyToken } from "../responses/tokens.ts";

/** A key used only for survey links, so the server secret itself never signs anything visible. */
function linkKey(secret: string): Buffer {
  return createHmac("sha256", secret).update("kaja/survey-link/v1").digest();
}

/**
 * The link token of an invitation: HMAC-SHA256(link key, "org:invitation"), base64url (43 characters).
 * Deterministic, so a resend after a crash carries the same working link; unguessable without the secret.
 */
export function surveyTokenFor(secret: string, orgId: string, invitationId: string) {
  const token = createHmac("sha256", linkKey(secret)).update(`${orgId}:${invitationId}`).digest("base64url");
  return { token, hash: hashSurveyToken(token) };
}

/** The Message-ID of an invitation e-mail (or its reminder): the same on every attempt, so repeats collapse. */
export function messageIdFor(invitationId: string, publicUrl: string, kind: "invitation" | "reminder") {
  return `<${kind === "reminder" ? "reminder." : ""}${invitationId}@${messageHost(publicUrl)}>`;
}

/** The right-hand side of Kaja's Message-IDs: the public host name. */
export function messageHost(publicUrl: string): string {
  return new URL(publicUrl).hostname || "kaja";
}

/** The links an invitation e-mail carries. */
export function surveyLinks(publicUrl: string, token: string) {
  return {
    score: (n: number) => `${publicUrl}/s/${token}?score=${n}`,
    survey: `${publicUrl}/s/${token}`,
    unsubscribe: `${publicUrl}/unsubscribe/${token}`,
  };
}
