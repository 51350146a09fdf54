/** Shapes of the Kaja API resources the admin app uses. */
import { API_KEY_SCOPES, type TApiKeyScope } from "../../../src/auth/permissions.ts";

export const ROLES = [
  "owner",
  "admin",
  "analyst",
  "manager",
  "quality_specialist",
  "agent",
  "viewer",
  "auditor",
] as const;
export type Role = (typeof ROLES)[number];

export type Names = Partial<Record<string, string>>;

export type Organization = {
  id: string;
  name: string;
  slug: string;
  role: Role;
  /** The organisation refuses members without two-factor sign-in. */
  requiresTwoFactor?: boolean;
};

export type Me = {
  user: { id: string; name: string; email: string; twoFactorEnabled?: boolean };
  organizations: Organization[];
  activeOrganizationId: string | null;
};

export const SERVICE_TYPES = [
  "e_service",
  "customer_service",
  "internal_process",
  "training",
  "employer",
  "organisation",
  "partner_relationship",
] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export const AUDIENCES = ["external", "internal", "partner"] as const;
export type Audience = (typeof AUDIENCES)[number];

type Archivable = { id: string; code: string | null; archivedAt: string | null };

/** What one catalogue value of an uploaded file was read as. */
export type RefMatch = {
  kind: "service" | "department" | "employee" | "channel";
  given: string;
  by: "id" | "code" | "name";
  id: string;
  code: string | null;
  name: string;
  rows: number;
  lines: number[];
};

export type Service = Archivable & {
  names: Names;
  type: ServiceType;
  audience: Audience;
  departmentId: string | null;
  createdAt: string;
  updatedAt: string;
};

export type Department = Archivable & { name: string; parentId: string | null };

export type Employee = Archivable & {
  name: string;
  email: string | null;
  departmentId: string | null;
  userId: string | null;
};

export const CHANNEL_KINDS = ["face_to_face", "phone", "email", "self_service", "web", "other"] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export type Channel = Archivable & { kind: ChannelKind | null; names: Names };

export type Member = {
  id: string;
  userId: string;
  name: string;
  email: string;
  role: Role;
  createdAt: string;
  /** The catalogue employee this user is, if linked. */
  employeeId?: string | null;
  employeeName?: string | null;
};

export type Invitation = { id: string; email: string; role: Role; status: string; expiresAt: string };

/** The scopes an API key may carry: the server's own list. */
export const SCOPES = API_KEY_SCOPES;
export type Scope = TApiKeyScope;

export type ApiKey = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

export type NewApiKey = ApiKey & { key: string };
