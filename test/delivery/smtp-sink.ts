import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface TReceived {
  messageId: string;
  /** The envelope's sender (MAIL FROM). */
  from: string;
  to: string[];
  raw: string;
  parsed?: ParsedMail;
}

export interface SmtpSinkOptions {
  /** Parse each message with mailparser (off for load tests: only the Message-ID is read). */
  parse?: boolean;
  /** Port to listen on; 0 = any free port. */
  port?: number;
  /** Offer PIPELINING (RFC 2920) in the EHLO reply, as most servers do (default). */
  pipelining?: boolean;
}

/** An SMTP error with the reply code nodemailer reports as `responseCode`. */
function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/**
 * A local SMTP server that keeps what it receives. Recipients starting with "reject550-" are refused at
 * RCPT TO (permanent); "tempfail-" recipients get 451 after DATA (temporary); `failAll` refuses every DATA;
 * `holdAfter` leaves messages unanswered (in flight) after a number were received, until `release()`.
 */
export async function startSmtpSink({ parse = true, port = 0, pipelining = true }: SmtpSinkOptions = {}) {
  const received: TReceived[] = [];
  /** `holdAfter`: once this many were received, later messages get no reply (they stay in flight). */
  const sink = { failAll: false, holdAfter: null as number | null, held: 0 };
  /** Answers of the messages held so far. */
  const waiting: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    hidePIPELINING: !pipelining,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith("reject550-"))
        return callback(smtpError(550, "5.1.1 No such user here"));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        if (sink.failAll || to.some((a) => a.startsWith("tempfail-")))
          return callback(smtpError(451, "4.3.0 Mailbox temporarily unavailable"));
        const raw = Buffer.concat(chunks).toString("utf8");
        const accept = async () => {
          const messageId = /^message-id:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? "";
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
          received.push({ messageId, from, to, raw, parsed: parse ? await simpleParser(raw) : undefined });
          callback();
        };
        if (sink.holdAfter !== null && received.length >= sink.holdAfter) {
          sink.held++;
          // Not answered until `release()`: the client waits until then, or until it dies.
          waiting.push(() => void accept());
          return;
        }
        await accept();
      });
    },
  });
  // A client killed mid-session (the kill test) resets its connection; smtp-server reports that as an
  // "error" event, which must not end the test process.
  server.on("error", () => {});
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    port: address.port,
    received,
    sink,
    /** Stops holding and accepts the messages held so far. */
    release() {
      sink.holdAfter = null;
      for (const answer of waiting.splice(0)) answer();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;
