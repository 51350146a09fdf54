import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import nodemailer from "nodemailer";
import DataStream from "nodemailer/lib/smtp-connection/data-stream.js";
import { smtpTransportOptions } from "../../src/mail/mailer.ts";
import { dataBlock, RawSmtpPool } from "../../src/mail/raw-pool.ts";
import { classifySmtpFailure } from "../../src/modules/delivery/smtp-failure.ts";
import { type SmtpSink, startSmtpSink } from "./smtp-sink.ts";

/** What nodemailer's DataStream writes after DATA for `raw`. */
async function nodemailerDataBlock(raw: Buffer): Promise<Buffer> {
  const stream = new DataStream();
  const chunks: Buffer[] = [];
  stream.on("data", (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => stream.on("end", resolve));
  stream.end(raw);
  await ended;
  return Buffer.concat(chunks);
}

const message = (i: number, body = `Hello ${i}\r\n.hidden line\r\nlone\nfeed and ünïcode\r\n`) =>
  Buffer.from(
    `From: kaja@example.test\r\nTo: p-${i}@example.test\r\nMessage-ID: <raw-${i}@example.test>\r\n` +
      `Subject: raw ${i}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}`,
    "utf8",
  );

describe("built messages through RawSmtpPool", () => {
  it("dot-stuffs and ends a message byte for byte as nodemailer's DataStream", async () => {
    const cases = [
      "",
      ".",
      ".starts with a dot\r\nx",
      "a\r\n.b\r\n..c\n.d\r\n",
      "lone\nfeeds\n\n\nand a trailing CR\r",
      "ends with LF\n",
      "ends with CRLF\r\n",
      "ünïcode ✓ \r\n.\r\n",
      "\n.\n.\n",
    ];
    for (const text of cases) {
      const raw = Buffer.from(text, "utf8");
      assert.deepEqual(dataBlock(raw), await nodemailerDataBlock(raw), JSON.stringify(text));
    }
  });

  for (const pipelining of [true, false]) {
    describe(pipelining ? "server with PIPELINING" : "server without PIPELINING", () => {
      let sink: SmtpSink;
      before(async () => {
        sink = await startSmtpSink({ parse: false, pipelining });
      });
      after(() => sink.close());

      it("delivers what nodemailer's transport delivers for the same messages, over few connections", async () => {
        const options = smtpTransportOptions(sink.url, { maxConnections: 3, maxMessages: 4 });
        const transport = nodemailer.createTransport(options);
        const pool = new RawSmtpPool(options);
        try {
          const n = 25;
          for (let i = 0; i < n; i++)
            await transport.sendMail({
              envelope: { from: "kaja@example.test", to: [`p-${i}@example.test`] },
              raw: message(i),
            });
          const viaNodemailer = sink.received.splice(0);
          // All at once: more messages than connections, connections replaced after 4 messages each.
          await Promise.all(
            Array.from({ length: n }, (_, i) =>
              pool.send({ from: "kaja@example.test", to: [`p-${i}@example.test`] }, message(i)),
            ),
          );
          const viaPool = sink.received.splice(0);
          const byId = (r: typeof viaPool) => [...r].sort((a, b) => a.messageId.localeCompare(b.messageId));
          assert.equal(viaPool.length, n);
          assert.deepEqual(
            byId(viaPool).map((r) => [r.messageId, r.from, r.to, r.raw]),
            byId(viaNodemailer).map((r) => [r.messageId, r.from, r.to, r.raw]),
          );
        } finally {
          pool.close();
          transport.close();
        }
      });

      it("fails as nodemailer does: a refused recipient for good, a temporary failure after DATA, then goes on", async () => {
        const options = smtpTransportOptions(sink.url, { maxConnections: 2 });
        const transport = nodemailer.createTransport(options);
        const pool = new RawSmtpPool(options);
        const failure = (p: Promise<unknown>) =>
          p.then(
            () => assert.fail("accepted"),
            (err: { code?: string; command?: string; responseCode?: number; message: string }) => ({
              code: err.code,
              command: err.command,
              responseCode: err.responseCode,
              message: err.message,
              classified: classifySmtpFailure(err),
            }),
          );
        try {
          for (const to of ["reject550-x@example.test", "tempfail-y@example.test"]) {
            const envelope = { from: "kaja@example.test", to: [to] };
            const expected = await failure(transport.sendMail({ envelope, raw: message(1) }));
            const actual = await failure(pool.send(envelope, message(1)));
            assert.deepEqual(actual, expected, to);
          }
          assert.equal(
            (
              await failure(
                pool.send({ from: "kaja@example.test", to: ["reject550-z@example.test"] }, message(2)),
              )
            ).classified.permanentRecipient,
            true,
          );
          // The pool replaced the failed connections and still delivers.
          sink.received.splice(0);
          await pool.send({ from: "kaja@example.test", to: ["ok@example.test"] }, message(3));
          assert.deepEqual(
            sink.received.map((r) => r.to),
            [["ok@example.test"]],
          );
        } finally {
          pool.close();
          transport.close();
        }
      });
    });
  }

  it("fails a message when the server cannot be reached", async () => {
    const sink = await startSmtpSink({ parse: false });
    const url = sink.url;
    await sink.close();
    const pool = new RawSmtpPool(smtpTransportOptions(url));
    try {
      await assert.rejects(pool.send({ from: "kaja@example.test", to: ["p@example.test"] }, message(1)));
    } finally {
      pool.close();
    }
  });
});
