import { randomUUID } from "node:crypto";
import nodemailer from "nodemailer";
import type { Db } from "../db/connect.ts";
import { outbox } from "../db/schema.ts";

export interface TMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  kind: string;
  orgId?: string | null;
  /** Display name of the sender (e.g. the organisation); the address stays MAIL_FROM's. */
  fromName?: string;
  /** Message-ID with angle brackets, e.g. `<id@host>`; stable across retries so mail systems collapse repeats. */
  messageId?: string;
  /** Extra headers such as List-Unsubscribe. */
  headers?: Record<string, string>;
  /** Files sent with the message (e.g. the monthly PDF report); the local outbox keeps only the text. */
  attachments?: TMailAttachment[];
}

/** A file attached to a message. */
export interface TMailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

/** Sends mail over SMTP, or keeps it in the local outbox when no SMTP server is configured. */
export interface Mailer {
  readonly mode: "smtp" | "outbox";
  send(mail: TMail): Promise<void>;
  /** Closes pooled SMTP connections (no-op in outbox mode). */
  close(): Promise<void>;
}

export interface CreateMailerOptions {
  db: Db;
  smtpUrl?: string;
  from: string;
  /** Parallel SMTP connections kept open. */
  maxConnections?: number;
}

/** Builds the mailer for the configuration. */
export function createMailer({ db, smtpUrl, from, maxConnections = 5 }: CreateMailerOptions): Mailer {
  if (!smtpUrl) {
    return {
      mode: "outbox",
      send: async (m) => {
        await db.insert(outbox).values({
          id: randomUUID(),
          orgId: m.orgId ?? null,
          to: m.to,
          subject: m.subject,
          text: m.text,
          html: m.html ?? null,
          kind: m.kind,
          sentVia: "outbox",
        });
      },
      close: async () => {},
    };
  }
  // A pool reuses connections: one connection per message costs a TLS handshake and EHLO each time.
  const url = new URL(smtpUrl);
  if (!url.searchParams.has("pool")) url.searchParams.set("pool", "true");
  if (!url.searchParams.has("maxConnections")) url.searchParams.set("maxConnections", String(maxConnections));
  const transport = nodemailer.createTransport(url.toString());
  const fromAddress = addressOf(from);
  return {
    mode: "smtp",
    send: async (m) => {
      await transport.sendMail({
        from: m.fromName ? { name: m.fromName, address: fromAddress } : from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        messageId: m.messageId,
        headers: m.headers,
        attachments: m.attachments,
      });
    },
    close: async () => transport.close(),
  };
}

/** The bare address of "Name <address>" (or the value itself). */
function addressOf(from: string): string {
  const match = from.match(/<([^>]+)>\s*$/);
  return (match ? match[1] : from).trim();
}
