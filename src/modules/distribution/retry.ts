/** Whether a database error (or one it caused) is a unique violation. */
export function isUniqueViolation(err: unknown): boolean {
  for (
    let e = err as { code?: unknown; cause?: unknown } | undefined, i = 0;
    e && i < 4;
    e = e.cause as never, i++
  ) {
    if (e.code === "23505") return true;
  }
  return false;
}

/**
 * Runs a transaction again when it lost a race on a unique key (two requests creating the same contact, or
 * using the same idempotency key or event, at once): the second attempt sees the winner's rows.
 */
export async function retryOnUniqueViolation<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (err) {
      if (i >= attempts || !isUniqueViolation(err)) throw err;
    }
  }
}
