/** Every kind of audit entry Kaja writes; the audit screen and `GET /audit-events?action=` use the same list. */
export const AUDIT_ACTIONS = [
  "auth.sign_in",
  "auth.sign_in_failed",
  "member.invite",
  "member.invitation_cancel",
  "member.join",
  "member.role_change",
  "member.remove",
  "api_key.create",
  "api_key.revoke",
  "export.download",
  "audit.export",
  "contact.view",
  "contact.opt_out",
  "contact.erase",
  "case.contact_view",
  "person.search",
  "person.export",
  "person.erase",
  "retention.run",
  "comment.redact",
  "settings.change",
] as const;
export type TAuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who an entry names as the actor: a member, an API key, or Kaja itself (scheduled jobs). */
export const AUDIT_ACTOR_TYPES = ["user", "apiKey", "system"] as const;
export type TAuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];
