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
}

/** Sends mail over SMTP, or keeps it in the local outbox when no SMTP server is configured. */
export interface Mailer {
  readonly mode: "smtp" | "outbox";
  send(mail: TMail): Promise<void>;
}

export interface CreateMailerOptions {
  db: Db;
  smtpUrl?: string;
  from: string;
}

/** Builds the mailer for the configuration. */
export function createMailer({ db, smtpUrl, from }: CreateMailerOptions): Mailer {
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
    };
  }
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    mode: "smtp",
    send: async (m) => {
      await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text, html: m.html });
    },
  };
}
