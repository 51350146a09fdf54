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
  private readonly ids: string[] = [];
  private readonly emails: (string | null)[] = [];
  private readonly exts: (string | null)[] = [];
  private readonly names: (string | null)[] = [];
  private readonly phones: (string | null)[] = [];
  private readonly locales: (string | null)[] = [];
  private readonly invalidReasons: (string | null)[] = [];
  /** Instants in milliseconds since 1970, NaN for none. */
  private readonly optedOut: number[] = [];
  private readonly invalidAt: number[] = [];
  private readonly surveyed: number[] = [];
  /** The address as stored, to clear it first when it moves to another contact (the unique index is immediate). */
  private readonly storedEmails: (string | null)[] = [];
  private readonly flags: number[] = [];
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
    if (at === undefined && holder !== undefined && (!ext || !this.exts[holder])) {
      at = holder;
      if (ext) this.setExternalId(at, ext);
    }
    at ??= this.create(ext);
    if (email && this.emails[at] !== email) {
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
    if (this.ids[c.at] !== c.id) throw new Error(`contact ${c.id} is not in this book`);
    const last = this.surveyed[c.at];
    if (Number.isNaN(last) || last < at.getTime()) {
      this.surveyed[c.at] = at.getTime();
      this.touch(c.at);
    }
  }

  /** Ids of stored contacts `input` names by external id or e-mail, as loaded (call before resolving). */
  storedMatches(input: TContactInput | null): string[] {
    const byExt = input?.externalId ? this.byExt.get(input.externalId) : undefined;
    const byEmail = input?.email ? this.byEmail.get(input.email) : undefined;
    const ids: string[] = [];
    for (const at of [byExt, byEmail]) {
      if (at !== undefined && !(this.flags[at] & NEW)) ids.push(this.ids[at]);
    }
    return ids;
  }

  /** Whether the contact was created in this batch (and not written yet). */
  isNew(c: TBookContact): boolean {
    return this.ids[c.at] === c.id && (this.flags[c.at] & NEW) !== 0;
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
      const email = this.emails[at];
      if (this.flags[at] & NEW) fresh.push(this.row(at));
      else {
        const stored = this.storedEmails[at];
        if (stored && stored !== email) changes.moved.push(this.ids[at]);
        if (this.flags[at] & DIRTY) changes.updated.push(this.row(at));
      }
      this.flags[at] = 0;
      this.storedEmails[at] = email;
    }
    if (copy) changes.insertedText = contactLines(fresh);
    else changes.inserted = fresh;
    return changes;
  }

  /** The contact at `at` as resolve gives it. */
  private view(at: number): TBookContact {
    return {
      at,
      id: this.ids[at],
      email: this.emails[at],
      externalId: this.exts[at],
      name: this.names[at],
      phone: this.phones[at],
      locale: this.locales[at],
      optedOutAt: instant(this.optedOut[at]),
      emailInvalidAt: instant(this.invalidAt[at]),
      lastSurveyedAt: instant(this.surveyed[at]),
    };
  }

  /** The contact at `at` as a row to write. */
  private row(at: number): TContactRow {
    const [createdAt, updatedAt] = this.storedTimes.get(at) ?? [this.now, this.now];
    return {
      orgId: this.orgId,
      id: this.ids[at],
      email: this.emails[at],
      phone: this.phones[at],
      name: this.names[at],
      locale: this.locales[at],
      externalId: this.exts[at],
      optedOutAt: instant(this.optedOut[at]),
      emailInvalidAt: instant(this.invalidAt[at]),
      emailInvalidReason: this.invalidReasons[at],
      lastSurveyedAt: instant(this.surveyed[at]),
      createdAt,
      updatedAt,
    };
  }

  private setText(column: (string | null)[], at: number, value: string | null | undefined): void {
    if (value && column[at] !== value) {
      column[at] = own(value);
      this.touch(at);
    }
  }

  private touch(at: number): void {
    const f = this.flags[at];
    this.flags[at] = f | DIRTY | PENDING;
    if (!(f & PENDING)) this.pending.push(at);
  }

  /** Stored rows the book does not hold yet, as loaded. */
  private addStored(rows: TContactRow[]): void {
    if (rows.length === 0) return;
    if (this.byId === null) this.byId = new Map(this.ids.map((id, at) => [id, at]));
    for (const row of rows) {
      if (this.byId.has(row.id)) continue;
      const at = this.push(row.id, row.externalId, 0);
      this.emails[at] = row.email;
      this.storedEmails[at] = row.email;
      this.names[at] = row.name;
      this.phones[at] = row.phone;
      this.locales[at] = row.locale;
      this.optedOut[at] = ms(row.optedOutAt);
      this.invalidAt[at] = ms(row.emailInvalidAt);
      this.invalidReasons[at] = row.emailInvalidReason;
      this.surveyed[at] = ms(row.lastSurveyedAt);
      this.storedTimes.set(at, [row.createdAt, row.updatedAt]);
      if (row.email && !this.byEmail.has(row.email)) this.byEmail.set(row.email, at);
      if (row.externalId && !this.byExt.has(row.externalId)) this.byExt.set(row.externalId, at);
    }
  }

  /** A new place, with no address, name, telephone, language, opt-out or survey. */
  private push(id: string, ext: string | null, flags: number): number {
    const at = this.ids.length;
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
    this.exts[at] = ext;
    this.touch(at);
    this.byExt.set(ext, at);
  }

  /** A new address for this contact: nothing is known against it yet. */
  private setEmail(at: number, given: string): void {
    const email = own(given);
    const old = this.emails[at];
    if (old) this.byEmail.delete(old);
    this.emails[at] = email;
    this.invalidAt[at] = NONE;
    this.invalidReasons[at] = null;
    this.touch(at);
    this.byEmail.set(email, at);
  }

  private moveAddress(from: number, to: number): void {
    const old = this.emails[to];
    if (old) this.byEmail.delete(old);
    const email = this.emails[from];
    this.emails[to] = email;
    this.invalidAt[to] = this.invalidAt[from];
    this.invalidReasons[to] = this.invalidReasons[from];
    if (Number.isNaN(this.optedOut[to])) this.optedOut[to] = this.optedOut[from];
    const last = this.surveyed[from];
    if (!Number.isNaN(last) && (Number.isNaN(this.surveyed[to]) || last > this.surveyed[to])) {
      this.surveyed[to] = last;
    }
    this.emails[from] = null;
    this.invalidAt[from] = NONE;
    this.invalidReasons[from] = null;
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
