import { randomUUID } from "node:crypto";
import type { Db } from "../../db/connect.ts";
import { t } from "../../i18n/account-mail.ts";
import { ContactBook, type TBookContact, type TContactChanges, writeContactChanges } from "./contact-book.ts";
import { createPlanner, decideInvitation, type TPlanner, type TSkipReason } from "./decide-invitation.ts";
import { eventInvitationId } from "./invitation-ids.ts";
import {
  copyInvitations,
  InvitationCopy,
  insertInvitations,
  invitationRow,
  type TInvitationRow,
} from "./invitation-rows.ts";
import { EventIds } from "./event-ids.ts";
import { direct, type TLane } from "./lane.ts";
import type { TSendingContext } from "./load-sending-context.ts";
import type { TScheduleItem, TScheduleOutcome, TSendSource } from "./schedule-types.ts";
import {
  findKnownTags,
  inheritDepartments,
  TAG_COLUMNS,
  type TKnownTags,
  type TTags,
  unknownTags,
} from "./tags.ts";

/** What one run carries from batch to batch: a file is scheduled in chunks that must see each other. */
export interface TRun {
  book: ContactBook;
  events: EventIds;
  plan: TPlanner;
}

/** Starts a run of one or more batches for a survey at `now`; `lane`: how its own look-ups reach the database. */
export function startRun(ctx: TSendingContext, now: Date, lane: TLane = direct): TRun {
  return {
    book: new ContactBook(ctx.orgId, now),
    events: new EventIds(lane),
    plan: createPlanner(ctx.rules, now),
  };
}

export interface ScheduleBatchOptions {
  source: TSendSource;
  bulkId?: string | null;
  now: Date;
  /** The run this batch belongs to (a new one by default). */
  run?: TRun;
  /** false: decide only, write nothing (a dry run); the decisions are those a writing run makes. */
  write?: boolean;
  /** The batch's tag ids already looked up (the API checks them first, to name the field). */
  known?: TKnownTags;
  /** Language of a skipped item's detail (a staff language; English by default). */
  locale?: string;
  /**
   * A writing run's new rows as COPY text, made as each row is decided (a mass mailing's batches of thousands;
   * writeBatch then sends them with COPY), rather than kept as objects until the batch is written.
   */
  copy?: boolean;
}

/**
 * Decides and records invitations for a batch of items, in order, inside the caller's transaction: the contacts
 * are upserted, every item gets exactly one invitation (scheduled, or skipped with its reason) and one delivery
 * row. Earlier items, and earlier batches of the run, count for later ones (quarantine, duplicate events). The
 * one code path of all triggers; a dry run is the same code with `write: false`.
 */
export async function scheduleBatch(
  tx: Db,
  ctx: TSendingContext,
  given: TScheduleItem[],
  o: ScheduleBatchOptions,
): Promise<TScheduleOutcome[]> {
  const run = o.run ?? startRun(ctx, o.now);
  const prepared = await prepareBatch(tx, ctx, given, run, o.known);
  const decided = await decideBatch(tx, ctx, prepared, run, o);
  if (o.write !== false) await writeBatch(tx, decided);
  return decided.outcomes;
}

/** A batch with its tags checked (departments inherited) and the contacts it may name loaded into the run. */
export interface TPreparedBatch {
  items: TScheduleItem[];
  known: TKnownTags;
}

const usable = (i: TScheduleItem) => i.invalid?.reason !== "invalid_address";

/**
 * The reads a batch needs before its rows are decided. A run may prepare the next batch before it decides this
 * one: the book keeps what it holds (it never takes a stored row over its own), so contacts loaded early mean the
 * same as contacts loaded late.
 */
export async function prepareBatch(
  tx: Db,
  ctx: TSendingContext,
  given: TScheduleItem[],
  run: TRun,
  known?: TKnownTags,
): Promise<TPreparedBatch> {
  known ??= await findKnownTags(
    tx,
    ctx.orgId,
    given.filter((i) => !i.invalid).map((i) => i.tags),
  );
  const inherited = await inheritDepartments(
    tx,
    ctx.orgId,
    given.map((i) => i.tags),
    known,
  );
  const items = given.map((item, i) => (inherited[i] === item.tags ? item : { ...item, tags: inherited[i] }));
  await run.book.load(
    tx,
    items.map((i) => (usable(i) ? i.contact : null)),
  );
  return { items, known };
}

/** A decided batch: each item's outcome and, for a writing run, what to write (taken when decided). */
export interface TDecidedBatch {
  outcomes: TScheduleOutcome[];
  write: {
    contacts: TContactChanges;
    orgId: string;
    rows: TInvitationRow[];
    /** With the `copy` option: the rows as COPY text (and `rows` empty). */
    copy: InvitationCopy | null;
    /** Due now: wake the dispatcher once this commits (later ones wait for its ticker). */
    due: boolean;
  } | null;
}

/** Decides a prepared batch, in order, against the run (earlier batches included). */
export async function decideBatch(
  tx: Db,
  ctx: TSendingContext,
  { items, known }: TPreparedBatch,
  run: TRun,
  { source, bulkId = null, now, write = true, locale = "en", copy = false }: ScheduleBatchOptions,
): Promise<TDecidedBatch> {
  const { book, events } = run;
  await events.prefetch(
    tx,
    ctx.orgId,
    ctx.surveyId,
    book,
    items.filter((i) => usable(i) && !i.invalid),
  );
  const outcomes: TScheduleOutcome[] = [];
  const rows: TInvitationRow[] = [];
  const text = write && copy ? new InvitationCopy() : null;
  for (const item of items) {
    const c = usable(item) ? book.resolve(item.contact) : null;
    let outcome: TScheduleOutcome;
    const bad = item.invalid ?? badTags(item.tags, known, locale);
    if (bad || !item.occurredAt) {
      const reason = bad?.reason ?? "invalid_row";
      outcome = skipped(c, reason, bad?.detail ?? t(locale, "row.occurredAt.missing"));
    } else {
      outcome = await decide(tx, ctx, run, c, item.occurredAt, now);
    }
    outcomes.push(outcome);
    if (!write) continue;
    const row = invitationRow(ctx, item, outcome, c, { source, bulkId });
    if (text) text.add(row);
    else rows.push(row);
  }
  if (!write) return { outcomes, write: null };
  const due = outcomes.some((o) => o.state === "scheduled" && o.sendAt && o.sendAt <= now);
  const contacts = book.takeChanges({ copy });
  return { outcomes, write: { contacts, orgId: ctx.orgId, rows, copy: text, due } };
}

/**
 * Writes a decided batch: its contacts, then its invitations and their delivery rows. `copy`: new rows with
 * COPY (a mass mailing's batches of thousands), not JSON statements (quicker for the few rows of other triggers).
 */
export async function writeBatch(
  tx: Db,
  { write }: TDecidedBatch,
  { copy = false }: { copy?: boolean } = {},
): Promise<void> {
  if (!write) return;
  await writeContactChanges(tx, write.orgId, write.contacts, { copy });
  if (write.copy) await write.copy.write(tx, { notify: write.due });
  else await (copy ? copyInvitations : insertInvitations)(tx, write.rows, { notify: write.due });
}

async function decide(
  tx: Db,
  ctx: TSendingContext,
  { book, events, plan }: TRun,
  c: TBookContact | null,
  occurredAt: Date,
  now: Date,
): Promise<TScheduleOutcome> {
  const eventId = c ? eventInvitationId(ctx.orgId, ctx.surveyId, c.id, occurredAt) : null;
  const duplicate =
    c !== null && eventId !== null && (await events.taken(tx, ctx.orgId, eventId, !book.isNew(c)));
  const d = decideInvitation({ contact: c, duplicate, occurredAt, now, rules: ctx.rules, plan });
  if (d.state === "skipped") {
    return { ...skipped(c, d.reason, null), duplicateOf: d.reason === "duplicate_event" ? eventId : null };
  }
  if (!c || !eventId) throw new Error("a scheduled invitation needs a contact");
  events.issue(eventId);
  book.markSurveyed(c, d.sendAt);
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

function skipped(c: { id: string } | null, reason: TSkipReason, detail: string | null): TScheduleOutcome {
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

function badTags(tags: TTags, known: TKnownTags, locale: string) {
  const bad = unknownTags(tags, known);
  if (bad.length === 0) return undefined;
  const detail = bad.map((k) => `${TAG_COLUMNS[k]}: ${t(locale, "problem.field.noSuchRecord")}`).join("; ");
  return { reason: "invalid_tag" as const, detail };
}
