import type { Db } from "../../db/connect.ts";
import { ContactBook } from "./contact-book.ts";
import type { TContactInput } from "./contact-input.ts";
import { getContact } from "./find-contacts.ts";
import { retryOnUniqueViolation } from "./retry.ts";

/**
 * Creates or updates a contact: found by external id, else by e-mail (stored in lower case). Given fields
 * overwrite stored ones, missing ones are kept; an opt-out is never undone.
 */
export async function upsertContact(db: Db, orgId: string, input: TContactInput, now = new Date()) {
  const { id, created } = await retryOnUniqueViolation(() =>
    db.transaction(async (tx) => {
      const book = new ContactBook(orgId, now);
      await book.load(tx, [input]);
      const row = book.resolve(input);
      if (!row) throw new Error("a contact needs an e-mail or an external id");
      const created = book.isNew(row);
      await book.flush(tx);
      return { id: row.id, created };
    }),
  );
  return { contact: await getContact(db, orgId, id), created };
}
