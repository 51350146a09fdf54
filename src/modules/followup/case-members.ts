import { and, eq } from "drizzle-orm";
import { can, type TRole } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { member } from "../../db/schema.ts";
import { fieldError } from "./field-error.ts";

/** Checks that `userId` is a member of the organisation whose role works cases; else 400 naming `path`. */
export async function assertCaseWorker(db: Db, orgId: string, userId: string, path: string): Promise<void> {
  const [m] = await db
    .select({ role: member.role })
    .from(member)
    .where(and(eq(member.organizationId, orgId), eq(member.userId, userId)));
  const works =
    m && can({ kind: "user", userId, orgId, role: m.role as TRole, sessionId: "" }, "cases:write");
  if (!works) throw fieldError(path, { key: "problem.field.mustBeCaseWorker" });
}
