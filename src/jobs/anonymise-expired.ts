import { z } from "zod";
import { organization } from "../db/schema.ts";
import { runRetention } from "../modules/privacy/retention.ts";
import { defineJob } from "./define-job.ts";

export const ANONYMISE_EXPIRED = "anonymise-expired";

/** Daily at 03:10: each organisation's personal data past its retention periods is anonymised (one transaction each). */
export function anonymiseExpiredJob({
  clock = () => new Date(),
  orgId,
}: {
  clock?: () => Date;
  orgId?: string;
}) {
  return defineJob({
    name: ANONYMISE_EXPIRED,
    payload: z.object({}).passthrough(),
    policy: "stately",
    cron: "10 3 * * *",
    handler: async (deps) => {
      const now = clock();
      const orgs = orgId ? [{ id: orgId }] : await deps.db.select({ id: organization.id }).from(organization);
      for (const o of orgs) await runRetention(deps.db, o.id, now);
    },
  });
}
