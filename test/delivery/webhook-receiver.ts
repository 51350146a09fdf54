import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface TWebhookRequest {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A local HTTP endpoint that records every request. It answers with the statuses in `replies` in turn
 * (the last one repeats); a 3xx reply points elsewhere, to check that redirects are not followed.
 */
export async function startWebhookReceiver(replies: number[] = [200]) {
  const requests: TWebhookRequest[] = [];
  const other: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.url === "/elsewhere") {
        other.push(Buffer.concat(chunks).toString("utf8"));
        res.writeHead(200).end();
        return;
      }
      requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      const status = replies[Math.min(requests.length - 1, replies.length - 1)];
      if (status >= 300 && status < 400) res.writeHead(status, { location: "/elsewhere" }).end();
      else res.writeHead(status, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    requests,
    /** Bodies that reached the redirect target (should stay empty). */
    redirected: other,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
