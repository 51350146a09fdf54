import type { Db } from "../../db/connect.ts";
import { surveyInvitation } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import type { ContactBook } from "./contact-book.ts";
import type { TContactInput } from "./contact-input.ts";
import { eventInvitationId } from "./invitation-ids.ts";
import { anyOf } from "./json-rows.ts";
import { direct, type TLane } from "./lane.ts";

const CHUNK = 1000;

/**
 * Which events (survey, contact, instant) already have an invitation: the stored ones, looked up in bulk before
 * a batch and one by one on a miss, and those scheduled earlier in the same run (not necessarily written yet).
 */
export class EventIds {
  private readonly stored = new Set<string>();
  private readonly checked = new Set<string>();
  private readonly issued = new Set<string>();
  private readonly lane: TLane;

  /** `lane`: how the look-ups reach the database (the run's own order when it shares a connection). */
  constructor(lane: TLane = direct) {
    this.lane = lane;
  }

  /** Looks up, in one query a thousand, the events of the batch whose contact is stored. */
  async prefetch(
    tx: Db,
    orgId: string,
    surveyId: string,
    book: ContactBook,
    items: { contact: TContactInput | null; occurredAt: Date | null }[],
  ): Promise<void> {
    const ids = new Set<string>();
    for (const item of items) {
      if (!item.occurredAt) continue;
      for (const contactId of book.storedMatches(item.contact)) {
        const id = eventInvitationId(orgId, surveyId, contactId, item.occurredAt);
        if (!this.checked.has(id)) ids.add(id);
      }
    }
    await this.lookUp(tx, orgId, [...ids]);
  }

  /** Whether the event already has an invitation; `stored` says whether its contact exists in the database. */
  async taken(tx: Db, orgId: string, id: string, stored: boolean): Promise<boolean> {
    // A stored contact reached through an address move in this batch was not prefetched: ask once.
    if (stored && !this.checked.has(id)) await this.lookUp(tx, orgId, [id]);
    return this.stored.has(id) || this.issued.has(id);
  }

  /**
   * Treats the event as having no stored invitation without asking: for a caller whose write checks it itself
   * (and writes nothing when it has one).
   */
  assumeNotStored(id: string): void {
    this.checked.add(id);
  }

  /** Records an event scheduled in this run. */
  issue(id: string): void {
    this.issued.add(id);
  }

  private async lookUp(tx: Db, orgId: string, ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      const rows = await this.lane(() =>
        tx
          .select({ id: surveyInvitation.id })
          .from(surveyInvitation)
          .where(inOrg(surveyInvitation, orgId, anyOf(surveyInvitation.id, chunk))),
      );
      for (const id of chunk) this.checked.add(id);
      for (const r of rows) this.stored.add(r.id);
    }
  }
}
