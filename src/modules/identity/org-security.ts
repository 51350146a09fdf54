import type { Db } from "../../db/connect.ts";
import { inOrg } from "../../db/scope.ts";
import { orgSecurity } from "./schema.ts";

/** Whether the organisation refuses members who have not set up two-factor sign-in. */
export async function orgRequiresTwoFactor(db: Db, orgId: string): Promise<boolean> {
  const [row] = await db
    .select({ require: orgSecurity.requireTwoFactor })
    .from(orgSecurity)
    .where(inOrg(orgSecurity, orgId));
  return row?.require ?? false;
}
