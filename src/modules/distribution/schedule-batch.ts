import { randomUUID } from "node:crypto";
import { inArray } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { invitationDelivery, surveyInvitation } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { ContactBook, type TContactRow } from "./contact-book.ts";
import type { TContactInput } from "./contact-input.ts";
import { decideInvitation, type TSkipReason } from "./decide-invitation.ts";
import { eventInvitationId, placeholderTokenHash } from "./invitation-ids.ts";
import type { TSendingContext } from "./load-sending-context.ts";
import { findKnownTags, TAG_COLUMNS, type TTags, unknownTags } from "./tags.ts";

export type TSendSource = "api" | "bulk" | "manual";

/** One person to invite about one service contact. */
export interface TScheduleItem {
  contact: TContactInput | null;
  occurredAt: Date | null;
  tags: TTags;
  locale?: string | null;
  idempotencyKey?: string | null;
  /** Set when a bulk row cannot be scheduled as given (the API rejects such input instead). */
  invalid?: { reason: "invalid_address" | "invalid_tag" | "invalid_row"; detail: string };
}

/** What became of one item. */
export interface TScheduleOutcome {
  invitationId: string;
  contactId: string | null;
  state: "scheduled" | "skipped";
  sendAt: Date | null;
  reason: TSkipReason | null;
  detail: string | null;
  /** For duplicate_event: the invitation already scheduled for this contact and instant. */
  duplicateOf: string | null;
}

export interface ScheduleBatchOptions {
  source: TSendSource;
  bulkId?: string | null;
  now: Date;
}

const CHUNK = 1000;

/**
 * Decides and records invitations for a batch of items, in order, inside the caller's transaction: the contacts
 * are upserted, every item gets exactly one invitation (scheduled, or skipped with its reason) and one delivery
 * row. Earlier items count for later ones (quarantine, duplicate events). The one code path of all triggers.
 */
export async function scheduleBatch(
  tx: Db,
  ctx: TSendingContext,
  items: TScheduleItem[],
  { source, bulkId = null, now }: ScheduleBatchOptions,
): Promise<TScheduleOutcome[]> {
  const usable = (i: TScheduleItem) => i.invalid?.reason !== "invalid_address";
  const known = await findKnownTags(
    tx,
    ctx.orgId,
    items.filter((i) => !i.invalid).map((i) => i.tags),
  );
  const book = await ContactBook.load(
    tx,
    ctx.orgId,
    items.map((i) => (usable(i) ? i.contact : null)),
    now,
  );
  const seen = await prefetchEventIds(tx, ctx, book, items);
  const outcomes: TScheduleOutcome[] = [];
  const invitations: (typeof surveyInvitation.$inferInsert)[] = [];
  for (const item of items) {
    const c = usable(item) ? book.resolve(item.contact) : null;
    let outcome: TScheduleOutcome;
    const bad = item.invalid ?? badTags(item.tags, known);
    if (bad || !item.occurredAt) {
      const reason = bad?.reason ?? "invalid_row";
      outcome = skipped(c, reason, bad?.detail ?? "occurred_at: missing");
    } else {
      outcome = await decide(tx, ctx, book, seen, c, item.occurredAt, now);
    }
    outcomes.push(outcome);
    invitations.push({
      orgId: ctx.orgId,
      id: outcome.invitationId,
      surveyId: ctx.surveyId,
      tokenHash: placeholderTokenHash(),
      locale: pickLocale(ctx, item.locale, c),
      ...(item.invalid || outcome.reason === "invalid_tag" ? {} : tagValues(item.tags)),
      contactId: c?.id ?? null,
      state: outcome.state,
      reason: outcome.reason,
      occurredAt: item.occurredAt,
      scheduledAt: outcome.sendAt,
    });
  }
  await book.flush(tx);
  for (let i = 0; i < invitations.length; i += CHUNK) {
    await tx.insert(surveyInvitation).values(invitations.slice(i, i + CHUNK));
    await tx.insert(invitationDelivery).values(
      items.slice(i, i + CHUNK).map((item, j) => ({
        orgId: ctx.orgId,
        invitationId: outcomes[i + j].invitationId,
        source,
        idempotencyKey: item.idempotencyKey ?? null,
        bulkId,
      })),
    );
  }
  return outcomes;
}

/** Ids of invitations already scheduled for (contact, instant) pairs the batch may produce; filled lazily. */
interface EventIds {
  existing: Set<string>;
  checked: Set<string>;
  issued: Set<string>;
}

async function prefetchEventIds(tx: Db, ctx: TSendingContext, book: ContactBook, items: TScheduleItem[]) {
  const candidates = new Set<string>();
  for (const item of items) {
    if (!item.occurredAt || item.invalid) continue;
    for (const contactId of book.storedMatches(item.contact)) {
      candidates.add(eventInvitationId(ctx.orgId, ctx.surveyId, contactId, item.occurredAt));
    }
  }
  const ids: EventIds = {
    existing: await existingIds(tx, ctx.orgId, [...candidates]),
    checked: candidates,
    issued: new Set(),
  };
  return ids;
}

async function existingIds(tx: Db, orgId: string, ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await tx
      .select({ id: surveyInvitation.id })
      .from(surveyInvitation)
      .where(inOrg(surveyInvitation, orgId, inArray(surveyInvitation.id, ids.slice(i, i + CHUNK))));
    for (const r of rows) found.add(r.id);
  }
  return found;
}

async function decide(
  tx: Db,
  ctx: TSendingContext,
  book: ContactBook,
  seen: EventIds,
  c: TContactRow | null,
  occurredAt: Date,
  now: Date,
): Promise<TScheduleOutcome> {
  const eventId = c ? eventInvitationId(ctx.orgId, ctx.surveyId, c.id, occurredAt) : null;
  // A stored contact reached only through an address move in this batch was not prefetched: ask once.
  if (c && eventId && !book.isNew(c.id) && !seen.checked.has(eventId)) {
    seen.checked.add(eventId);
    if ((await existingIds(tx, ctx.orgId, [eventId])).size) seen.existing.add(eventId);
  }
  const duplicate = eventId !== null && (seen.existing.has(eventId) || seen.issued.has(eventId));
  const d = decideInvitation({ contact: c, duplicate, occurredAt, now, rules: ctx.rules });
  if (d.state === "skipped") {
    return { ...skipped(c, d.reason, null), duplicateOf: d.reason === "duplicate_event" ? eventId : null };
  }
  if (!c || !eventId) throw new Error("a scheduled invitation needs a contact");
  seen.issued.add(eventId);
  book.markSurveyed(c.id, d.sendAt);
  return {
    invitationId: eventId,
    contactId: c.id,
    state: "scheduled",
    sendAt: d.sendAt,
    reason: null,
    detail: null,
    duplicateOf: null,
  };
}

function skipped(c: TContactRow | null, reason: TSkipReason, detail: string | null): TScheduleOutcome {
  return {
    invitationId: randomUUID(),
    contactId: c?.id ?? null,
    state: "skipped",
    sendAt: null,
    reason,
    detail,
    duplicateOf: null,
  };
}

function badTags(tags: TTags, known: Awaited<ReturnType<typeof findKnownTags>>) {
  const bad = unknownTags(tags, known);
  if (bad.length === 0) return undefined;
  const detail = bad.map((k) => `${TAG_COLUMNS[k]}: no such record in your organisation`).join("; ");
  return { reason: "invalid_tag" as const, detail };
}

function tagValues(t: TTags) {
  return {
    serviceId: t.serviceId ?? null,
    departmentId: t.departmentId ?? null,
    employeeId: t.employeeId ?? null,
    channelId: t.channelId ?? null,
    audience: t.audience ?? null,
  };
}

/** The language asked for, else the person's, if the survey has it; else the survey's default. */
function pickLocale(ctx: TSendingContext, asked: string | null | undefined, c: TContactRow | null): string {
  return (
    [asked, c?.locale].find((l): l is string => Boolean(l) && ctx.locales.includes(l as string)) ??
    ctx.defaultLocale
  );
}
