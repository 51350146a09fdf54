import { randomUUID } from "node:crypto";
import net from "node:net";
import nodemailer from "nodemailer";
import { parseConnectionUrl } from "nodemailer/lib/shared/index.js";
import type SMTPPool from "nodemailer/lib/smtp-pool/index.js";
import type { Db } from "../db/connect.ts";
import { RawSmtpPool } from "./raw-pool.ts";
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

/** A whole message already built (see compileMime), sent as it is from MAIL_FROM's address to `to`. */
export interface TRawMail {
  to: string;
  raw: Buffer;
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
  /** The sender's address (MAIL_FROM without its name). */
  readonly fromAddress: string;
  send(mail: TMail): Promise<void>;
  /** Sends a message already built; only over SMTP (the local outbox keeps fields, not messages). */
  sendRaw?(mail: TRawMail): Promise<void>;
  /** Closes pooled SMTP connections (no-op in outbox mode). */
  close(): Promise<void>;
}

export interface CreateMailerOptions {
  db: Db;
  smtpUrl?: string;
  from: string;
  /** Parallel SMTP connections kept open. */
  maxConnections?: number;
  /** Messages sent over one connection before it is replaced. */
  maxMessages?: number;
}

/** Builds the mailer for the configuration. */
export function createMailer({
  db,
  smtpUrl,
  from,
  maxConnections = 5,
  maxMessages = 1000,
}: CreateMailerOptions): Mailer {
  const fromAddress = addressOf(from);
  if (!smtpUrl) {
    return {
      mode: "outbox",
      fromAddress,
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
  const options = smtpTransportOptions(smtpUrl, { maxConnections, maxMessages });
  const transport = nodemailer.createTransport(options);
  // Built messages (the dispatcher's) go through a leaner pool of their own on the same SMTP connection code.
  const rawPool = new RawSmtpPool(options);
  return {
    mode: "smtp",
    fromAddress,
    sendRaw: (m) => rawPool.send({ from: fromAddress, to: [m.to] }, m.raw),
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
    close: async () => {
      rawPool.close();
      transport.close();
    },
  };
}

/**
 * Transport options from SMTP_URL: a pool (one connection per message costs a handshake and EHLO each time)
 * whose connections carry `maxMessages` messages each before they are replaced (nodemailer's default, 100,
 * reconnected every few batches of a mass mailing), and on plain/STARTTLS connections TCP_NODELAY: SMTP is a chain of small writes, and Nagle's algorithm
 * meeting delayed ACKs held each message back by ~40 ms.
 */
export function smtpTransportOptions(
  smtpUrl: string,
  { maxConnections = 5, maxMessages = 1000 }: { maxConnections?: number; maxMessages?: number } = {},
): SMTPPool.Options {
  const options: SMTPPool.Options = {
    maxConnections,
    maxMessages,
    ...parseConnectionUrl(smtpUrl),
    pool: true,
  };
  if (!options.secure) {
    options.getSocket = (opts, callback) => {
      const socket = net.connect({ host: opts.host ?? "localhost", port: opts.port ?? 25, noDelay: true });
      const failed = (err: Error) => callback(err, null);
      socket.once("error", failed);
      socket.setTimeout(opts.connectionTimeout ?? 120_000, () =>
        socket.destroy(new Error("Connection timeout")),
      );
      socket.once("connect", () => {
        socket.setTimeout(0);
        socket.off("error", failed);
        callback(null, { connection: socket });
      });
    };
  }
  return options;
}

/** The bare address of "Name <address>" (or the value itself). */
function addressOf(from: string): string {
  const match = from.match(/<([^>]+)>\s*$/);
  return (match ? match[1] : from).trim();
}
