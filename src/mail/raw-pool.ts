import SMTPConnection from "nodemailer/lib/smtp-connection/index.js";
import type SMTPPool from "nodemailer/lib/smtp-pool/index.js";

/** Who a raw message is from and to (the SMTP envelope). */
export interface TRawEnvelope {
  from: string;
  to: string[];
}

interface TJob {
  envelope: TRawEnvelope;
  raw: Buffer;
  settled: boolean;
  resolve: () => void;
  reject: (err: unknown) => void;
}

interface TSlot {
  connection: SMTPConnection;
  messages: number;
  current: TJob | null;
  down: boolean;
  /** Set when the server offers PIPELINING: the socket, read by the pool itself (see pipeline). */
  pipe: TPipe | null;
}

/** A pipelined connection's socket, with the replies still expected in order. */
interface TPipe {
  socket: import("node:net").Socket;
  onData: (chunk: Buffer) => void;
  expected: ((reply: string) => void)[];
  /** Bytes of an incomplete reply line, and the lines of a multi-line reply so far. */
  partial: string;
  lines: string[];
}

/** nodemailer's internals this pool reads (the same the library's own pool relies on). */
interface TConnectionInternals {
  _socket: import("node:net").Socket;
  _onSocketData: (chunk: Buffer) => void;
  _supportedExtensions: string[];
  allowsAuth?: boolean;
}

/** An SMTP error as nodemailer's connection reports it (read by classifySmtpFailure). */
function smtpError(message: string, code: string, response: string, command: string): Error {
  const responseCode = Number(/^\d+/.exec(response)?.[0]) || undefined;
  return Object.assign(new Error(`${message}: ${response}`), { code, response, responseCode, command });
}

/**
 * A built message as the DATA command carries it, byte for byte what nodemailer's DataStream writes: a lone
 * LF becomes CRLF, a dot at the start of a line is doubled, and the message ends with CRLF "." CRLF. Done on
 * the latin1 text (each byte one character), so UTF-8 content passes through unchanged.
 */
export function dataBlock(raw: Buffer): Buffer {
  const text = raw
    .toString("latin1")
    .replace(/(?<!\r)\n/g, "\r\n")
    .replace(/(^|\n)\./g, "$1..");
  const last = raw.length ? raw[raw.length - 1] : -1;
  const end = last === 0x0a ? ".\r\n" : last === 0x0d ? "\n.\r\n" : "\r\n.\r\n";
  return Buffer.from(text + end, "latin1");
}

/** An address nodemailer's connection would send as it is (ASCII, nothing to reject or extend). */
const PLAIN = /^[\x21-\x3b\x3d\x3f-\x7e]+$/;

const settle = (job: TJob, err?: unknown) => {
  if (job.settled) return;
  job.settled = true;
  if (err) job.reject(err);
  else job.resolve();
};

/**
 * A pool of SMTP connections for messages already built (see compileMime), on nodemailer's own SMTP connection
 * (`nodemailer/lib/smtp-connection`): the same handshake, STARTTLS, login, commands, dot-stuffing and errors
 * (with `responseCode`, `response`, `command` and `code`, read by classifySmtpFailure) as nodemailer's pooled
 * transport, without the per-message work that transport adds around a raw message (a Mail object, its
 * plugins and normalising, a MIME node and its read stream). As in nodemailer's pool, each connection carries
 * one message at a time and up to `maxMessages` before it is replaced, and a connection whose message failed
 * is closed. A message whose connection closes before the server answered fails (the dispatcher records the
 * failure and retries per its rules, with the same Message-ID).
 *
 * When the server offers PIPELINING (RFC 2920), a message to one plain ASCII address is sent in two writes
 * instead of five: MAIL FROM, RCPT TO and DATA together, then, once the server answered DATA with 354, the
 * message and its final dot together (dot-stuffed natively by dataBlock instead of byte by byte in a stream).
 * The replies are read and checked in order with nodemailer's messages, codes and commands; any other message
 * (or a server without PIPELINING) goes through nodemailer's `send` on the same connection.
 */
export class RawSmtpPool {
  private readonly options: SMTPPool.Options;
  private readonly maxConnections: number;
  private readonly maxMessages: number;
  private readonly idle: TSlot[] = [];
  private readonly queue: TJob[] = [];
  private open = 0;
  private opening = 0;
  private closed = false;

  constructor(options: SMTPPool.Options) {
    this.options = options;
    this.maxConnections = options.maxConnections ?? 5;
    this.maxMessages = options.maxMessages ?? 100;
  }

  /** Sends one built message; settles when the server accepted it (or with the server's error). */
  send(envelope: TRawEnvelope, raw: Buffer): Promise<void> {
    if (this.closed) return Promise.reject(new Error("The SMTP pool is closed"));
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ envelope, raw, settled: false, resolve, reject });
      this.pump();
    });
  }

  /** Closes idle connections now and the others once their message is answered. */
  close(): void {
    this.closed = true;
    for (const slot of this.idle.splice(0)) this.retire(slot);
    for (const job of this.queue.splice(0)) settle(job, new Error("The SMTP pool is closed"));
  }

  private pump(): void {
    while (this.queue.length) {
      const slot = this.idle.pop();
      if (slot) {
        this.run(slot, this.queue.shift()!);
        continue;
      }
      // One new connection per message waiting, up to maxConnections.
      if (this.open + this.opening >= this.maxConnections || this.opening >= this.queue.length) return;
      this.opening++;
      this.connect().then(
        (ready) => {
          this.opening--;
          if (this.closed) return this.retire(ready);
          this.idle.push(ready);
          this.pump();
        },
        (err) => {
          this.opening--;
          // As nodemailer's pool: a connection that cannot be opened fails the message next in line.
          const job = this.queue.shift();
          if (job) settle(job, err);
          this.pump();
        },
      );
    }
  }

  private run(slot: TSlot, job: TJob): void {
    slot.current = job;
    const done = (err?: unknown) => {
      if (slot.current !== job) return;
      slot.current = null;
      slot.messages++;
      settle(job, err ?? undefined);
      if (slot.down) return this.pump();
      if (err || this.closed || slot.messages >= this.maxMessages) this.retire(slot, Boolean(err));
      else this.idle.push(slot);
      this.pump();
    };
    const { from, to } = job.envelope;
    if (slot.pipe && to.length === 1 && PLAIN.test(from) && PLAIN.test(to[0])) {
      this.pipeline(slot.pipe, from, to[0], job.raw, done);
    } else {
      this.unpipe(slot);
      slot.connection.send(job.envelope, job.raw, (err) => done(err ?? undefined));
    }
  }

  /** One message over a pipelined connection (see the class comment). */
  private pipeline(pipe: TPipe, from: string, to: string, raw: Buffer, done: (err?: unknown) => void): void {
    let refused: Error | null = null;
    pipe.expected.push(
      (reply) => {
        if (reply[0] !== "2") refused ??= smtpError("Mail command failed", "EENVELOPE", reply, "MAIL FROM");
      },
      (reply) => {
        // One recipient: refused is "all recipients were rejected", as nodemailer says.
        if (reply[0] !== "2")
          refused ??= smtpError(
            "Can't send mail - all recipients were rejected",
            "EENVELOPE",
            reply,
            "RCPT TO",
          );
      },
      (reply) => {
        if (refused) return done(refused);
        if (reply[0] !== "2" && reply[0] !== "3")
          return done(smtpError("Data command failed", "EENVELOPE", reply, "DATA"));
        pipe.expected.push((final) =>
          done(final[0] === "2" ? undefined : smtpError("Message failed", "EMESSAGE", final, "DATA")),
        );
        pipe.socket.write(dataBlock(raw));
      },
    );
    pipe.socket.write(`MAIL FROM:<${from}>\r\nRCPT TO:<${to}>\r\nDATA\r\n`);
  }

  /** Reads the replies of a pipelined connection: each complete reply goes to the next expected handler. */
  private startPipe(slot: TSlot): void {
    const internals = slot.connection as unknown as TConnectionInternals;
    if (!internals._supportedExtensions?.includes("PIPELINING") || !internals._socket) return;
    const socket = internals._socket;
    const pipe: TPipe = { socket, expected: [], partial: "", lines: [], onData: () => {} };
    pipe.onData = (chunk) => {
      const lines = (pipe.partial + chunk.toString("latin1")).split("\r\n");
      pipe.partial = lines.pop() ?? "";
      for (const line of lines) {
        pipe.lines.push(line);
        // "250-…" continues a multi-line reply; "250 …" (or a bare code) ends it.
        if (line.length > 3 && line[3] === "-") continue;
        const reply = pipe.lines.join("\n");
        pipe.lines = [];
        const handler = pipe.expected.shift();
        if (!handler) {
          socket.destroy(new Error(`Unexpected SMTP reply: ${reply}`));
          return;
        }
        handler(reply);
      }
    };
    socket.removeListener("data", internals._onSocketData);
    socket.on("data", pipe.onData);
    slot.pipe = pipe;
  }

  /** Hands an idle pipelined connection's socket back to nodemailer's connection. */
  private unpipe(slot: TSlot): void {
    if (!slot.pipe) return;
    const internals = slot.connection as unknown as TConnectionInternals;
    slot.pipe.socket.removeListener("data", slot.pipe.onData);
    slot.pipe.socket.on("data", internals._onSocketData);
    slot.pipe = null;
  }

  /** Takes a connection out of the pool: QUIT after its last message, or closed at once after an error. */
  private retire(slot: TSlot, failed = false): void {
    if (slot.down) return;
    this.down(slot);
    if (failed) {
      slot.connection.close();
      return;
    }
    this.unpipe(slot);
    slot.connection.quit();
  }

  private down(slot: TSlot): void {
    if (slot.down) return;
    slot.down = true;
    this.open--;
    const at = this.idle.indexOf(slot);
    if (at >= 0) this.idle.splice(at, 1);
  }

  private async connect(): Promise<TSlot> {
    const { getSocket } = this.options;
    const socket = getSocket
      ? await new Promise<unknown>((resolve, reject) =>
          getSocket(this.options, (err, info) => (err ? reject(err) : resolve(info?.connection))),
        )
      : undefined;
    const connection = new SMTPConnection({
      ...this.options,
      ...(socket ? { connection: socket as never } : {}),
    } as SMTPConnection.Options);
    const slot: TSlot = { connection, messages: 0, current: null, down: false, pipe: null };
    this.open++;
    return new Promise<TSlot>((resolve, reject) => {
      let ready = false;
      const lost = (err: unknown) => {
        const wasUp = !slot.down;
        this.down(slot);
        if (!ready) {
          ready = true;
          return reject(err);
        }
        if (slot.current) settle(slot.current, err);
        if (wasUp) this.pump();
      };
      connection.on("error", lost);
      connection.once("end", () =>
        lost(Object.assign(new Error("Unexpected socket close"), { code: "ECONNECTION" })),
      );
      connection.connect(() => {
        const auth = this.options.auth as { user?: string; pass?: string } | undefined;
        // As nodemailer's pool: log in when the server offers AUTH (or `forceAuth` says to anyway).
        const allowsAuth = (connection as unknown as TConnectionInternals).allowsAuth;
        const forceAuth = (this.options as { forceAuth?: boolean }).forceAuth;
        if (auth?.user && (allowsAuth || forceAuth)) {
          const credentials = { user: auth.user, pass: auth.pass, method: this.options.authMethod };
          connection.login(credentials as never, (err) => {
            if (ready) return;
            ready = true;
            if (err) {
              this.down(slot);
              connection.close();
              return reject(err);
            }
            this.startPipe(slot);
            resolve(slot);
          });
          return;
        }
        if (ready) return;
        ready = true;
        this.startPipe(slot);
        resolve(slot);
      });
    });
  }
}
