/**
 * The test SMTP sink (`test/delivery/smtp-sink.ts`, messages not parsed) in a process of its own, for
 * `bench/dispatch.ts`: the bench's process then holds only the sending side, so its CPU time per message is
 * the sender's alone, and the sink's is read from /proc. Started with `fork`; sends `{ url }` once it
 * listens, answers `"count"` with `{ received }`, and ends on `"close"`.
 */
import { startSmtpSink } from "../test/delivery/smtp-sink.ts";

const smtp = await startSmtpSink({ parse: false });
process.send?.({ url: smtp.url });
process.on("message", async (m) => {
  if (m === "count") process.send?.({ received: smtp.received.length });
  if (m === "close") {
    await smtp.close();
    process.exit(0);
  }
});
