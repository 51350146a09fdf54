import { z } from "zod";
import { unsafePurgeContactDetails } from "../modules/kpi/purge-contact-details.ts";
import { defineJob } from "./define-job.ts";

export const PURGE_CONTACT_DETAILS = "purge-contact-details";

/** Daily at 02:40: recording references and caller hashes past the organisation's retention period are removed. */
export function purgeContactDetailsJob({
  clock = () => new Date(),
  orgId,
}: {
  clock?: () => Date;
  orgId?: string;
}) {
  return defineJob({
    name: PURGE_CONTACT_DETAILS,
    payload: z.object({}).passthrough(),
    policy: "stately",
    cron: "40 2 * * *",
    handler: (deps) => unsafePurgeContactDetails(deps, { now: clock(), orgId }),
  });
}
