import { eq, ne, or, type SQL } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { contact } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { fieldProblem } from "../../http/errors.ts";
import type { TContactInput } from "./contact-input.ts";
import { getContact } from "./find-contacts.ts";

/**
 * Changes a contact's details. A new e-mail address clears what was known against the old one (bounces); an
 * address or external id that another contact holds is a CONFLICT naming the field. Opt-outs stay.
 */
export async function updateContact(db: Db, orgId: string, id: string, patch: TContactInput) {
  const current = await getContact(db, orgId, id);
  const taken: SQL[] = [];
  if (patch.email) taken.push(eq(contact.email, patch.email));
  if (patch.externalId) taken.push(eq(contact.externalId, patch.externalId));
  if (taken.length) {
    const [other] = await db
      .select({ email: contact.email, externalId: contact.externalId })
      .from(contact)
      .where(inOrg(contact, orgId, ne(contact.id, id), or(...taken)))
      .limit(1);
    if (other) {
      const field = patch.email && other.email === patch.email ? "email" : "externalId";
      throw fieldProblem(
        `body.${field}`,
        { key: "problem.field.otherContacts" },
        { code: "CONFLICT", detail: { key: "problem.contact.taken", values: { field } } },
      );
    }
  }
  const newAddress = patch.email !== undefined && patch.email !== current.email;
  await db
    .update(contact)
    .set({
      ...patch,
      ...(newAddress ? { emailInvalidAt: null, emailInvalidReason: null } : {}),
      updatedAt: new Date(),
    })
    .where(inOrg(contact, orgId, eq(contact.id, id)));
  return getContact(db, orgId, id);
}
