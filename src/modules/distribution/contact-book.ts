import { or, type SQL } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { contact } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import type { TContactInput } from "./contact-input.ts";
import { newUuid } from "./invitation-ids.ts";
import { own } from "./own-text.ts";
import {
  contactLines,
  copyContactLines,
  copyContacts,
  insertContacts,
  type TContactRow,
  updateContacts,
} from "./contact-rows.ts";
import { anyOf } from "./json-rows.ts";

/** Values a page of a column holds: 2 ** PAGE_BITS. */
const PAGE_BITS = 12;
const PAGE = 1 << PAGE_BITS;

/**
 * One field of a book's contacts, in pages of 4,096 values. One array would grow by copying itself, and at a
 * mass mailing's size each copy it leaves is garbage in the old generation (V8 allocates a large array there at
 * once); a page grows only while it is young.
 */
class Column<T> {
  private readonly pages: T[][] = [];

  get(at: number): T {
    return this.pages[at >> PAGE_BITS][at & (PAGE - 1)];
  }

  set(at: number, value: T): void {
    this.pages[at >> PAGE_BITS][at & (PAGE - 1)] = value;
  }

  /** Adds a value at the next place. */
  push(value: T): void {
    let last = this.pages.at(-1);
    if (!last || last.length === PAGE) {
      last = [];
      this.pages.push(last);
    }
    last.push(value);
  }
}

/** A contact of a book as resolve gives it: the fields the scheduling reads, taken when it was resolved. */
export interface TBookContact {
  /** Where the book holds the contact (for markSurveyed and isNew). */
  readonly at: number;
  id: string;
  email: string | null;
  externalId: string | null;
  name: string | null;
  phone: string | null;
  locale: string | null;
  optedOutAt: Date | null;
  emailInvalidAt: Date | null;
  lastSurveyedAt: Date | null;
}

/** Flags of a contact in the book. */
const NEW = 1;
const DIRTY = 2;
const PENDING = 4;

const NONE = Number.NaN;
const instant = (ms: number): Date | null => (Number.isNaN(ms) ? null : new Date(ms));
const ms = (at: Date | null): number => (at === null ? NONE : at.getTime());

/**
 * The contacts one batch of sends touches, loaded once (locked FOR UPDATE, so concurrent events for one person
 * serialise and see each other's quarantine), changed in memory row by row, and written back in a few statements.
 * Identity: the external id first, else the e-mail. When an address already belongs to another contact, the
 * address moves to the contact the caller named, and takes its opt-out, known invalidity and last survey date
 * with it: those belong to whoever reads that mailbox.
 *
 * A mass mailing's book holds a contact a row for the whole run, so it keeps them as columns (one array a field,
 * instants as numbers, a contact's place in them as its handle) and two maps from address and external id to
 * that place: no object a contact, no Date a survey, and a map by id only once a load returns stored rows.
 */
export class ContactBook {
  readonly orgId: string;
  private readonly now: Date;
  private count = 0;
  private readonly ids = new Column<string>();
  private readonly emails = new Column<string | null>();
  private readonly exts = new Column<string | null>();
  private readonly names = new Column<string | null>();
  private readonly phones = new Column<string | null>();
  private readonly locales = new Column<string | null>();
  private readonly invalidReasons = new Column<string | null>();
  /** Instants in milliseconds since 1970, NaN for none. */
  private readonly optedOut = new Column<number>();
  private readonly invalidAt = new Column<number>();
  private readonly surveyed = new Column<number>();
  /** The address as stored, to clear it first when it moves to another contact (the unique index is immediate). */
  private readonly storedEmails = new Column<string | null>();
  private readonly flags = new Column<number>();
  /** When stored contacts were created and last updated, as loaded (a new contact's are `now`). */
  private readonly storedTimes = new Map<number, [Date, Date]>();
  private readonly byEmail = new Map<string, number>();
  private readonly byExt = new Map<string, number>();
  /** Place by id, made when a load first returns rows (a stored row may be a contact the book already holds). */
  private byId: Map<string, number> | null = null;
  /** Keys ("e:" + e-mail, "x:" + external id) already looked up in the database, found or not. */
  private readonly asked = new Set<string>();
  /** Contacts created or changed since the last flush, in the order they were first touched. */
  private pending: number[] = [];

  constructor(orgId: string, now: Date) {
    this.orgId = orgId;
    this.now = now;
  }

  /**
   * Loads (and locks) the stored contacts `inputs` could mean that the book does not know yet. What the book
   * already holds wins over the stored row: it may carry changes of earlier batches not written yet (dry run).
   */
  async load(tx: Db, inputs: (TContactInput | null)[]): Promise<void> {
    const emails = new Set<string>();
    const exts = new Set<string>();
    const asked = this.asked.size > 0;
    for (const i of inputs) {
      if (!i) continue;
      const { email, externalId: ext } = i;
      if (email && !this.byEmail.has(email) && !(asked && this.asked.has(`e:${email}`))) emails.add(email);
      if (ext && !this.byExt.has(ext) && !(asked && this.asked.has(`x:${ext}`))) exts.add(ext);
    }
    const keys: SQL[] = [];
    if (emails.size) keys.push(anyOf(contact.email, [...emails]));
    if (exts.size) keys.push(anyOf(contact.externalId, [...exts]));
    if (keys.length === 0) return;
    const rows = await tx
      .select()
      .from(contact)
      .where(inOrg(contact, this.orgId, or(...keys)))
      .for("update");
    this.addStored(rows);
  }

  /**
   * Takes contacts the caller loaded (and locked) for `inputs` itself, as load would have: later loads do not
   * ask again for the inputs' e-mails and external ids.
   */
  adopt(inputs: (TContactInput | null)[], rows: TContactRow[]): void {
    for (const i of inputs) {
      if (i?.email) this.asked.add(`e:${i.email}`);
      if (i?.externalId) this.asked.add(`x:${i.externalId}`);
    }
    this.addStored(rows);
  }

  /** The contact `input` designates, created or updated in memory; null when it names no one. */
  resolve(input: TContactInput | null): TBookContact | null {
    const email = input?.email || null;
    const ext = input?.externalId || null;
    if (!input || (!email && !ext)) return null;
    let at = ext ? this.byExt.get(ext) : undefined;
    const holder = email ? this.byEmail.get(email) : undefined;
    if (at === undefined && holder !== undefined && (!ext || !this.exts.get(holder))) {
      at = holder;
      if (ext) this.setExternalId(at, ext);
    }
    at ??= this.create(ext);
    if (email && this.emails.get(at) !== email) {
      if (holder !== undefined && holder !== at) this.moveAddress(holder, at);
      else this.setEmail(at, email);
    }
    this.setText(this.names, at, input.name);
    this.setText(this.phones, at, input.phone);
    this.setText(this.locales, at, input.locale);
    return this.view(at);
  }

  /** Records that the contact gets a survey at `at` (quarantine counts from the latest such instant). */
  markSurveyed(c: TBookContact, at: Date): void {
    if (this.ids.get(c.at) !== c.id) throw new Error(`contact ${c.id} is not in this book`);
    const last = this.surveyed.get(c.at);
    if (Number.isNaN(last) || last < at.getTime()) {
      this.surveyed.set(c.at, at.getTime());
      this.touch(c.at);
    }
  }

  /** Ids of stored contacts `input` names by external id or e-mail, as loaded (call before resolving). */
  storedMatches(input: TContactInput | null): string[] {
    const byExt = input?.externalId ? this.byExt.get(input.externalId) : undefined;
    const byEmail = input?.email ? this.byEmail.get(input.email) : undefined;
    const ids: string[] = [];
    for (const at of [byExt, byEmail]) {
      if (at !== undefined && !(this.flags.get(at) & NEW)) ids.push(this.ids.get(at));
    }
    return ids;
  }

  /** Whether the contact was created in this batch (and not written yet). */
  isNew(c: TBookContact): boolean {
    return this.ids.get(c.at) === c.id && (this.flags.get(c.at) & NEW) !== 0;
  }

  /** Writes new and changed contacts: moved addresses cleared first, then inserts, then one update per chunk. */
  async flush(tx: Db): Promise<void> {
    await writeContactChanges(tx, this.orgId, this.takeChanges());
  }

  /**
   * What flush writes, taken now (copies: later changes in memory do not leak into a write still under way), and
   * the book marked as written. `copy`: the new contacts as COPY text (a mass mailing) rather than copied rows.
   */
  takeChanges({ copy = false }: { copy?: boolean } = {}): TContactChanges {
    const taken = this.pending;
    this.pending = [];
    const fresh: TContactRow[] = [];
    const changes: TContactChanges = { moved: [], inserted: [], updated: [] };
    for (const at of taken) {
      const email = this.emails.get(at);
      if (this.flags.get(at) & NEW) fresh.push(this.row(at));
      else {
        const stored = this.storedEmails.get(at);
        if (stored && stored !== email) changes.moved.push(this.ids.get(at));
        if (this.flags.get(at) & DIRTY) changes.updated.push(this.row(at));
      }
      this.flags.set(at, 0);
      this.storedEmails.set(at, email);
    }
    if (copy) changes.insertedText = contactLines(fresh);
    else changes.inserted = fresh;
    return changes;
  }

  /** The contact at `at` as resolve gives it. */
  private view(at: number): TBookContact {
    return {
      at,
      id: this.ids.get(at),
      email: this.emails.get(at),
      externalId: this.exts.get(at),
      name: this.names.get(at),
      phone: this.phones.get(at),
      locale: this.locales.get(at),
      optedOutAt: instant(this.optedOut.get(at)),
      emailInvalidAt: instant(this.invalidAt.get(at)),
      lastSurveyedAt: instant(this.surveyed.get(at)),
    };
  }

  /** The contact at `at` as a row to write. */
  private row(at: number): TContactRow {
    const [createdAt, updatedAt] = this.storedTimes.get(at) ?? [this.now, this.now];
    return {
      orgId: this.orgId,
      id: this.ids.get(at),
      email: this.emails.get(at),
      phone: this.phones.get(at),
      name: this.names.get(at),
      locale: this.locales.get(at),
      externalId: this.exts.get(at),
      optedOutAt: instant(this.optedOut.get(at)),
      emailInvalidAt: instant(this.invalidAt.get(at)),
      emailInvalidReason: this.invalidReasons.get(at),
      lastSurveyedAt: instant(this.surveyed.get(at)),
      createdAt,
      updatedAt,
    };
  }

  private setText(column: Column<string | null>, at: number, value: string | null | undefined): void {
    if (value && column.get(at) !== value) {
      column.set(at, own(value));
      this.touch(at);
    }
  }

  private touch(at: number): void {
    const f = this.flags.get(at);
    this.flags.set(at, f | DIRTY | PENDING);
    if (!(f & PENDING)) this.pending.push(at);
  }

  /** Stored rows the book does not hold yet, as loaded. */
  private addStored(rows: TContactRow[]): void {
    if (rows.length === 0) return;
    if (this.byId === null) {
      this.byId = new Map();
      for (let at = 0; at < this.count; at++) this.byId.set(this.ids.get(at), at);
    }
    for (const row of rows) {
      if (this.byId.has(row.id)) continue;
      const at = this.push(row.id, row.externalId, 0);
      this.emails.set(at, row.email);
      this.storedEmails.set(at, row.email);
      this.names.set(at, row.name);
      this.phones.set(at, row.phone);
      this.locales.set(at, row.locale);
      this.optedOut.set(at, ms(row.optedOutAt));
      this.invalidAt.set(at, ms(row.emailInvalidAt));
      this.invalidReasons.set(at, row.emailInvalidReason);
      this.surveyed.set(at, ms(row.lastSurveyedAt));
      this.storedTimes.set(at, [row.createdAt, row.updatedAt]);
      if (row.email && !this.byEmail.has(row.email)) this.byEmail.set(row.email, at);
      if (row.externalId && !this.byExt.has(row.externalId)) this.byExt.set(row.externalId, at);
    }
  }

  /** A new place, with no address, name, telephone, language, opt-out or survey. */
  private push(id: string, ext: string | null, flags: number): number {
    const at = this.count++;
    this.ids.push(id);
    this.exts.push(ext);
    this.emails.push(null);
    this.storedEmails.push(null);
    this.names.push(null);
    this.phones.push(null);
    this.locales.push(null);
    this.optedOut.push(NONE);
    this.invalidAt.push(NONE);
    this.invalidReasons.push(null);
    this.surveyed.push(NONE);
    this.flags.push(flags);
    this.byId?.set(id, at);
    return at;
  }

  private create(ext: string | null): number {
    const externalId = ext === null ? null : own(ext);
    const at = this.push(newUuid(), externalId, NEW | DIRTY | PENDING);
    this.pending.push(at);
    if (externalId && !this.byExt.has(externalId)) this.byExt.set(externalId, at);
    return at;
  }

  private setExternalId(at: number, given: string): void {
    const ext = own(given);
    this.exts.set(at, ext);
    this.touch(at);
    this.byExt.set(ext, at);
  }

  /** A new address for this contact: nothing is known against it yet. */
  private setEmail(at: number, given: string): void {
    const email = own(given);
    const old = this.emails.get(at);
    if (old) this.byEmail.delete(old);
    this.emails.set(at, email);
    this.invalidAt.set(at, NONE);
    this.invalidReasons.set(at, null);
    this.touch(at);
    this.byEmail.set(email, at);
  }

  private moveAddress(from: number, to: number): void {
    const old = this.emails.get(to);
    if (old) this.byEmail.delete(old);
    const email = this.emails.get(from);
    this.emails.set(to, email);
    this.invalidAt.set(to, this.invalidAt.get(from));
    this.invalidReasons.set(to, this.invalidReasons.get(from));
    if (Number.isNaN(this.optedOut.get(to))) this.optedOut.set(to, this.optedOut.get(from));
    const last = this.surveyed.get(from);
    if (!Number.isNaN(last) && (Number.isNaN(this.surveyed.get(to)) || last > this.surveyed.get(to))) {
      this.surveyed.set(to, last);
    }
    this.emails.set(from, null);
    this.invalidAt.set(from, NONE);
    this.invalidReasons.set(from, null);
    this.touch(from);
    this.touch(to);
    if (email) this.byEmail.set(email, to);
  }
}

/** The contacts a book has changed since its last flush, as they were then. */
export interface TContactChanges {
  /** Stored contacts whose address moved away (cleared first: the unique index is checked row by row). */
  moved: string[];
  inserted: TContactRow[];
  /** Instead of `inserted`: the new contacts as COPY text (contactLines). */
  insertedText?: Buffer[];
  updated: TContactRow[];
}

/**
 * Writes a book's changes: moved addresses cleared first, then inserts, then one update per chunk. `copy`: the
 * new contacts with COPY (a mass mailing) instead of JSON statements.
 */
export async function writeContactChanges(
  tx: Db,
  orgId: string,
  changes: TContactChanges,
  { copy = false }: { copy?: boolean } = {},
): Promise<void> {
  if (changes.moved.length) {
    await tx
      .update(contact)
      .set({ email: null })
      .where(inOrg(contact, orgId, anyOf(contact.id, changes.moved)));
  }
  if (changes.insertedText) await copyContactLines(tx, changes.insertedText);
  else await (copy ? copyContacts : insertContacts)(tx, changes.inserted);
  await updateContacts(tx, orgId, changes.updated);
}
