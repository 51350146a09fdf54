import { randomUUID } from "node:crypto";
import type { Db } from "../../db/connect.ts";
import { passwordResetRequest } from "../../db/schema.ts";

export interface TPasswordResetRequest {
  email: string;
  redirectTo?: string;
}

/**
 * Queues a password-reset request for `sendPasswordResets`. It is the whole of the request's work, one insert
 * whether or not the address has an account, so the answer's timing does not tell which.
 */
export async function queuePasswordReset(
  db: Db,
  { email, redirectTo }: TPasswordResetRequest,
): Promise<void> {
  await db.insert(passwordResetRequest).values({
    id: randomUUID(),
    email: email.trim().toLowerCase(),
    redirectTo: redirectTo ?? null,
  });
}
