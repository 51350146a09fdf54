import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connect.ts";
import { webhookDelivery } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { serializeError } from "../../http/log.ts";
import type { ResolveWebhookHostOptions } from "./address-policy.ts";
import { postWebhook, type TPostOutcome } from "./post-webhook.ts";
import { signatureHeader } from "./sign.ts";

/** Attempts before a delivery is given up ("dead"). */
export const MAX_WEBHOOK_ATTEMPTS = 8;
/** A receiver gets this long to answer. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** Wait before retry n (1-based): 1, 3, 9, 27 minutes … about 18 hours in all, so a day's outage is ridden out. */
export function webhookRetryDelayMs(attempt: number): number {
  return 60_000 * 3 ** Math.max(0, attempt - 1);
}

const ZClaimed = z.object({
  orgId: z.string(),
  id: z.string(),
  event: z.string(),
  payload: z.unknown(),
  attempts: z.coerce.number().int(),
  url: z.string(),
  secret: z.string(),
});
type TClaimed = z.infer<typeof ZClaimed>;

/** Claims due deliveries (pending, retry due, or abandoned by a dead worker) and leases them for a minute; every
 * organisation's unless `orgId` is given (the worker serves all tenants, hence `unsafe`). */
async function unsafeClaimDue(db: Db, now: Date, limit: number, orgId?: string): Promise<TClaimed[]> {
  const at = now.toISOString();
  const lease = new Date(now.getTime() + WEBHOOK_TIMEOUT_MS + 50_000).toISOString();
  const onlyOrg = orgId ? sql`w.org_id = ${orgId} AND` : sql``;
  const result = await db.execute(sql`
    WITH due AS (
      SELECT w.org_id, w.id FROM webhook_delivery w
      WHERE ${onlyOrg} w.state IN ('pending', 'failed') AND w.next_attempt_at <= ${at}::timestamptz
      ORDER BY w.next_attempt_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE webhook_delivery w SET attempts = w.attempts + 1, next_attempt_at = ${lease}::timestamptz
    FROM due, webhook_endpoint e
    WHERE w.org_id = due.org_id AND w.id = due.id AND e.org_id = w.org_id AND e.id = w.endpoint_id
    RETURNING w.org_id AS "orgId", w.id, w.event, w.payload, w.attempts, e.url, e.secret`);
  return z.array(ZClaimed).parse(result.rows);
}

/** One POST: signed, 10 s timeout, to a checked address, redirects not followed (a 3xx counts as a failure). */
async function post(d: TClaimed, now: Date, options: ResolveWebhookHostOptions): Promise<TPostOutcome> {
  const body = JSON.stringify(d.payload);
  return postWebhook(d.url, {
    ...options,
    timeoutMs: WEBHOOK_TIMEOUT_MS,
    headers: {
      "content-type": "application/json",
      "user-agent": "Kaja-Webhooks/1",
      "kaja-event": d.event,
      "kaja-delivery": d.id,
      "kaja-signature": signatureHeader(d.secret, body, now),
    },
    body,
  });
}

/** Writes one JSON line to stderr, like the server log (jobs have no request logger). */
const stderrLog: TWebhookLog = {
  warn: (fields, msg) => console.error(JSON.stringify({ level: 40, time: Date.now(), ...fields, msg })),
};

/** Where the low-level reason of a failed attempt goes: the server log, never the delivery log. */
export interface TWebhookLog {
  warn(fields: Record<string, unknown>, msg: string): void;
}

async function record(db: Db, d: TClaimed, outcome: TPostOutcome, now: Date) {
  const dead = outcome.error !== null && d.attempts >= MAX_WEBHOOK_ATTEMPTS;
  const state = outcome.error === null ? "delivered" : dead ? "dead" : "failed";
  await db
    .update(webhookDelivery)
    .set({
      state,
      lastStatus: outcome.status,
      lastError: outcome.error,
      deliveredAt: outcome.error === null ? now : null,
      nextAttemptAt: state === "failed" ? new Date(now.getTime() + webhookRetryDelayMs(d.attempts)) : null,
    })
    .where(inOrg(webhookDelivery, d.orgId, eq(webhookDelivery.id, d.id)));
}

export interface DeliverWebhooksOptions extends ResolveWebhookHostOptions {
  clock?: () => Date;
  batchSize?: number;
  /** Only this organisation's deliveries (tests on a shared database). */
  orgId?: string;
  /** Where the reason of a failed attempt is logged (default: JSON lines on stderr). */
  log?: TWebhookLog;
}

/** Posts every due webhook delivery, retrying failures with growing delays; returns the outcomes. */
export async function deliverWebhooks(
  db: Db,
  {
    clock = () => new Date(),
    batchSize = 20,
    orgId,
    log = stderrLog,
    ...address
  }: DeliverWebhooksOptions = {},
): Promise<{ delivered: number; failed: number }> {
  const counts = { delivered: 0, failed: 0 };
  for (;;) {
    const due = await unsafeClaimDue(db, clock(), batchSize, orgId);
    if (!due.length) return counts;
    await Promise.all(
      due.map(async (d) => {
        const outcome = await post(d, clock(), address);
        await record(db, d, outcome, clock());
        if (outcome.error && outcome.error !== "http_status") {
          log.warn(
            { orgId: d.orgId, deliveryId: d.id, category: outcome.error, err: serializeError(outcome.cause) },
            "webhook delivery failed",
          );
        }
        counts[outcome.error === null ? "delivered" : "failed"]++;
      }),
    );
  }
}
