/** Roles a member of an organisation can hold. */
export const ROLES = [
  "owner",
  "admin",
  "analyst",
  "manager",
  "quality_specialist",
  "agent",
  "viewer",
] as const;
export type TRole = (typeof ROLES)[number];

/** What can be done; API-key scopes use the same names. */
export const CAPABILITIES = [
  "catalog:read",
  "catalog:write",
  "surveys:read",
  "surveys:write",
  "members:read",
  "members:manage",
  "apiKeys:manage",
  "org:manage",
  "responses:read",
  "responses:write",
  "events:write",
  "praise:manage",
  "praise:publish",
  "contacts:read",
  "contacts:write",
  "reports:read",
  "benchmark:manage",
  "webhooks:manage",
  "outbox:read",
  "cases:read",
  "cases:write",
  "cases:contact",
  "cases:assign",
  "followup:manage",
  "actions:read",
  "actions:write",
  "group:read",
  "group:manage",
  "quality:read",
  "quality:evaluate",
  "quality:manage",
  "kpi:read",
  "kpi:write",
  "kpi:manage",
] as const;
export type TCapability = (typeof CAPABILITIES)[number];

/** Scopes an API key may carry. */
export const API_KEY_SCOPES = [
  "catalog:read",
  "catalog:write",
  "surveys:read",
  "surveys:write",
  "responses:read",
  "responses:write",
  "events:write",
  "contacts:read",
  "contacts:write",
  "reports:read",
  "kpi:read",
  "kpi:write",
] as const;
export type TApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** The role × capability table (docs/roles.md renders the same table). */
export const ROLE_CAPABILITIES: Record<TRole, readonly TCapability[]> = {
  owner: [
    "catalog:read",
    "catalog:write",
    "surveys:read",
    "surveys:write",
    "members:read",
    "members:manage",
    "apiKeys:manage",
    "org:manage",
    "responses:read",
    "responses:write",
    "praise:manage",
    "praise:publish",
    "events:write",
    "contacts:read",
    "contacts:write",
    "reports:read",
    "benchmark:manage",
    "webhooks:manage",
    "outbox:read",
    "cases:read",
    "cases:write",
    "cases:contact",
    "cases:assign",
    "followup:manage",
    "actions:read",
    "actions:write",
    "group:read",
    "group:manage",
    "quality:read",
    "quality:evaluate",
    "quality:manage",
    "kpi:read",
    "kpi:write",
    "kpi:manage",
  ],
  admin: [
    "catalog:read",
    "catalog:write",
    "surveys:read",
    "surveys:write",
    "members:read",
    "members:manage",
    "apiKeys:manage",
    "responses:read",
    "responses:write",
    "praise:manage",
    "praise:publish",
    "events:write",
    "contacts:read",
    "contacts:write",
    "reports:read",
    "benchmark:manage",
    "webhooks:manage",
    "outbox:read",
    "cases:read",
    "cases:write",
    "cases:contact",
    "cases:assign",
    "followup:manage",
    "actions:read",
    "actions:write",
    "group:read",
    "quality:read",
    "quality:evaluate",
    "quality:manage",
    "kpi:read",
    "kpi:write",
    "kpi:manage",
  ],
  analyst: [
    "catalog:read",
    "surveys:read",
    "responses:read",
    "praise:manage",
    "contacts:read",
    "reports:read",
    "cases:read",
    "actions:read",
    "group:read",
    "quality:read",
    "kpi:read",
  ],
  manager: [
    "catalog:read",
    "surveys:read",
    "responses:read",
    "praise:manage",
    "reports:read",
    "cases:read",
    "cases:write",
    "cases:contact",
    "cases:assign",
    "actions:read",
    "actions:write",
    "quality:read",
    "quality:evaluate",
    "kpi:read",
    "kpi:write",
  ],
  quality_specialist: ["catalog:read", "surveys:read", "quality:read", "quality:evaluate"],
  agent: [
    "catalog:read",
    "surveys:read",
    "responses:read",
    "reports:read",
    "cases:read",
    "cases:write",
    "cases:contact",
    "actions:read",
    "quality:read",
  ],
  viewer: ["catalog:read", "surveys:read", "reports:read", "actions:read", "kpi:read"],
};

/** A write scope implies the read scope of the same area; reading answers implies reading reports of them. */
const SCOPE_IMPLIES: Partial<Record<TApiKeyScope, TCapability[]>> = {
  "catalog:write": ["catalog:read"],
  "surveys:write": ["surveys:read"],
  "responses:read": ["reports:read"],
  "responses:write": ["responses:read", "reports:read"],
  "contacts:write": ["contacts:read"],
  "kpi:write": ["kpi:read"],
};

export type TActor =
  | { kind: "user"; userId: string; orgId: string; role: TRole; sessionId: string }
  | { kind: "apiKey"; keyId: string; orgId: string; scopes: TApiKeyScope[] };

/** Whether the actor holds the capability in its organisation. */
export function can(actor: TActor, capability: TCapability): boolean {
  if (actor.kind === "user") return ROLE_CAPABILITIES[actor.role].includes(capability);
  return actor.scopes.some((s) => s === capability || SCOPE_IMPLIES[s]?.includes(capability));
}

/** Whether `actor` may give `role` to someone, or change someone who holds `role`: only owners touch owners. */
export function canAssignRole(actor: TActor, role: TRole): boolean {
  if (!can(actor, "members:manage")) return false;
  return role !== "owner" || (actor.kind === "user" && actor.role === "owner");
}
