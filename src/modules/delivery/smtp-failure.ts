/** What a failed send means for the invitation. */
export interface TSmtpFailure {
  /** The server refused the recipient for good (5xx at RCPT TO): the address does not work. */
  permanentRecipient: boolean;
  /** The SMTP reply or error message, for the delivery log (never the message content). */
  message: string;
}

/** Reads nodemailer's error: `responseCode` and `response` hold the server's reply, `command` the stage. */
export function classifySmtpFailure(err: unknown): TSmtpFailure {
  const e = (err ?? {}) as { responseCode?: number; response?: string; command?: string; code?: string };
  const message = String(e.response ?? (err instanceof Error ? err.message : err)).slice(0, 1000);
  const code = typeof e.responseCode === "number" ? e.responseCode : 0;
  const atRecipient = e.code === "EENVELOPE" || /^RCPT/i.test(e.command ?? "");
  return { permanentRecipient: code >= 500 && code < 600 && atRecipient, message };
}

/** Attempts before an invitation is given up ("dead"). */
export const MAX_SEND_ATTEMPTS = 5;

/** Wait before retry n (1-based): 5, 15, 45, 135 minutes, so a few hours of mail-server outage are ridden out. */
export function retryDelayMs(attempt: number): number {
  return 5 * 60_000 * 3 ** Math.max(0, attempt - 1);
}
