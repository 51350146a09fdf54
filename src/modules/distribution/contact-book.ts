import { or, type SQL } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { contact } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import type { TContactInput } from "./contact-input.ts";
import { newUuid } from "./invitation-ids.ts";
import {
  contactLines,
  copyContactLines,
  copyContacts,
  insertContacts,
  type TContactRow,
  updateContacts,
} from "./contact-rows.ts";
import { anyOf } from "./json-rows.ts";

interface Entry {
  row: TContactRow;
  isNew: boolean;
  /** The address as stored, to clear it first when it moves to another contact (the unique index is immediate). */
  storedEmail: string | null;
  dirty: boolean;
}

/**
 * The contacts one batch of sends touches, loaded once (locked FOR UPDATE, so concurrent events for one person
 * serialise and see each other's quarantine), changed in memory row by row, and written back in a few statements.
 * Identity: the external id first, else the e-mail. When an address already belongs to another contact, the
 * address moves to the contact the caller named, and takes its opt-out, known invalidity and last survey date
 * with it: those belong to whoever reads that mailbox.
 */
export class ContactBook {
  readonly orgId: string;
  private readonly now: Date;
  private readonly byId = new Map<string, Entry>();
  private readonly byEmail = new Map<string, Entry>();
  private readonly byExt = new Map<string, Entry>();
  /** Keys ("e:" + e-mail, "x:" + external id) already looked up in the database, found or not. */
  private readonly asked = new Set<string>();
  /** Entries created or changed since the last flush. */
  private readonly pending = new Set<Entry>();

  constructor(orgId: string, now: Date) {
    this.orgId = orgId;
    this.now = now;
  }

  /**
   * Loads (and locks) the stored contacts `inputs` could mean that the book does not know yet. What the book
   * already holds wins over the stored row: it may carry changes of earlier batches not written yet (dry run).
   */
  async load(tx: Db, inputs: (TContactInput | null)[]): Promise<void> {
    const unknown = <K extends "email" | "externalId">(key: K, known: Map<string, Entry>) => {
      const prefix = key === "email" ? "e:" : "x:";
      const found = new Set<string>();
      for (const i of inputs) {
        const v = i?.[key];
        if (v && !known.has(v) && !(this.asked.size && this.asked.has(prefix + v))) found.add(v);
      }
      return [...found];
    };
    const emails = unknown("email", this.byEmail);
    const exts = unknown("externalId", this.byExt);
    const keys: SQL[] = [];
    if (emails.length) keys.push(anyOf(contact.email, emails));
    if (exts.length) keys.push(anyOf(contact.externalId, exts));
    if (keys.length === 0) return;
    const rows = await tx
      .select()
      .from(contact)
      .where(inOrg(contact, this.orgId, or(...keys)))
      .for("update");
    for (const row of rows) {
      if (!this.byId.has(row.id)) this.index({ row, isNew: false, storedEmail: row.email, dirty: false });
    }
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
    for (const row of rows) {
      if (!this.byId.has(row.id)) this.index({ row, isNew: false, storedEmail: row.email, dirty: false });
    }
  }

  /** The contact `input` designates, created or updated in memory; null when it names no one. */
  resolve(input: TContactInput | null): TContactRow | null {
    const email = input?.email || null;
    const ext = input?.externalId || null;
    if (!input || (!email && !ext)) return null;
    let entry = ext ? this.byExt.get(ext) : undefined;
    const holder = email ? this.byEmail.get(email) : undefined;
    if (!entry && holder && (!ext || !holder.row.externalId)) {
      entry = holder;
      if (ext) this.setExternalId(entry, ext);
    }
    entry ??= this.create(ext);
    if (email && entry.row.email !== email) {
      if (holder && holder !== entry) this.moveAddress(holder, entry);
      else this.setEmail(entry, email);
    }
    for (const key of ["name", "phone", "locale"] as const) {
      const value = input[key];
      if (value && entry.row[key] !== value) {
        entry.row[key] = own(value);
        this.touch(entry);
      }
    }
    return entry.row;
  }

  /** Records that the contact gets a survey at `at` (quarantine counts from the latest such instant). */
  markSurveyed(id: string, at: Date): void {
    const entry = this.byId.get(id);
    if (!entry) throw new Error(`contact ${id} is not in this book`);
    if (!entry.row.lastSurveyedAt || entry.row.lastSurveyedAt < at) {
      entry.row.lastSurveyedAt = at;
      this.touch(entry);
    }
  }

  /** Ids of stored contacts `input` names by external id or e-mail, as loaded (call before resolving). */
  storedMatches(input: TContactInput | null): string[] {
    const byExt = input?.externalId ? this.byExt.get(input.externalId) : undefined;
    const byEmail = input?.email ? this.byEmail.get(input.email) : undefined;
    return [byExt, byEmail].filter((e): e is Entry => Boolean(e && !e.isNew)).map((e) => e.row.id);
  }

  /** Whether the contact was created in this batch (and not written yet). */
  isNew(id: string): boolean {
    return this.byId.get(id)?.isNew ?? false;
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
    const entries = [...this.pending];
    this.pending.clear();
    const fresh = entries.filter((e) => e.isNew).map((e) => e.row);
    const changes: TContactChanges = {
      moved: entries
        .filter((e) => !e.isNew && e.storedEmail && e.storedEmail !== e.row.email)
        .map((e) => e.row.id),
      inserted: copy ? [] : fresh.map((row) => ({ ...row })),
      insertedText: copy ? contactLines(fresh) : undefined,
      updated: entries.filter((e) => !e.isNew && e.dirty).map((e) => ({ ...e.row })),
    };
    for (const e of entries) Object.assign(e, { isNew: false, dirty: false, storedEmail: e.row.email });
    return changes;
  }

  private touch(entry: Entry): void {
    entry.dirty = true;
    this.pending.add(entry);
  }

  private index(entry: Entry): void {
    this.byId.set(entry.row.id, entry);
    const { email, externalId } = entry.row;
    if (email && !this.byEmail.has(email)) this.byEmail.set(email, entry);
    if (externalId && !this.byExt.has(externalId)) this.byExt.set(externalId, entry);
  }

  private create(ext: string | null): Entry {
    const externalId = ext === null ? null : own(ext);
    const row: TContactRow = {
      orgId: this.orgId,
      id: newUuid(),
      email: null,
      phone: null,
      name: null,
      locale: null,
      externalId,
      optedOutAt: null,
      emailInvalidAt: null,
      emailInvalidReason: null,
      lastSurveyedAt: null,
      createdAt: this.now,
      updatedAt: this.now,
    };
    const entry = { row, isNew: true, storedEmail: null, dirty: true };
    this.index(entry);
    this.pending.add(entry);
    return entry;
  }

  private setExternalId(entry: Entry, given: string): void {
    const ext = own(given);
    entry.row.externalId = ext;
    this.touch(entry);
    this.byExt.set(ext, entry);
  }

  /** A new address for this contact: nothing is known against it yet. */
  private setEmail(entry: Entry, given: string): void {
    const email = own(given);
    if (entry.row.email) this.byEmail.delete(entry.row.email);
    Object.assign(entry.row, { email, emailInvalidAt: null, emailInvalidReason: null });
    this.touch(entry);
    this.byEmail.set(email, entry);
  }

  private moveAddress(from: Entry, to: Entry): void {
    if (to.row.email) this.byEmail.delete(to.row.email);
    const f = from.row;
    to.row.email = f.email;
    to.row.emailInvalidAt = f.emailInvalidAt;
    to.row.emailInvalidReason = f.emailInvalidReason;
    to.row.optedOutAt ??= f.optedOutAt;
    if (f.lastSurveyedAt && (!to.row.lastSurveyedAt || f.lastSurveyedAt > to.row.lastSurveyedAt)) {
      to.row.lastSurveyedAt = f.lastSurveyedAt;
    }
    Object.assign(f, { email: null, emailInvalidAt: null, emailInvalidReason: null });
    this.touch(from);
    this.touch(to);
    if (to.row.email) this.byEmail.set(to.row.email, to);
  }
}

/**
 * A copy of a text the book keeps. A value cut from a file's row (13 characters or more) is, in V8, a view of the
 * whole piece of the file it was read from, which stays in memory as long as the value does: a book that kept
 * the e-mails and external ids of a 100,000-row file as they came kept all of the file's text: 12 MB with the
 * views at nine tenths of the file, against 7 MB for the copies (bench/bulk-alloc.ts, "live"). UTF-16 gives
 * back exactly the same text, whatever it holds.
 */
function own(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, "utf16le").toString("utf16le");
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
