import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { type ResolveWebhookHostOptions, resolveWebhookHost, WebhookAddressError } from "./address-policy.ts";

/** What the delivery log shows of a failed attempt; the low-level error stays in the server log. */
export const WEBHOOK_ERROR_CATEGORIES = [
  "refused_address",
  "dns",
  "connect",
  "timeout",
  "tls",
  "http_status",
] as const;
export type TWebhookErrorCategory = (typeof WEBHOOK_ERROR_CATEGORIES)[number];

export interface TPostOutcome {
  status: number | null;
  error: TWebhookErrorCategory | null;
  /** The underlying error, for the server log only. */
  cause?: unknown;
}

/** The category of a failed attempt from its error (also maps texts stored before categories existed). */
export function errorCategory(err: unknown): TWebhookErrorCategory {
  if (err instanceof WebhookAddressError) return err.category;
  const e = err as { name?: string; code?: string; cause?: { name?: string; code?: string } } | undefined;
  const name = e?.name ?? "";
  const code = String(e?.code ?? e?.cause?.code ?? (typeof err === "string" ? err : ""));
  if (name === "TimeoutError" || name === "AbortError" || /timeout|ETIMEDOUT/i.test(code)) return "timeout";
  if ((WEBHOOK_ERROR_CATEGORIES as readonly string[]).includes(code)) return code as TWebhookErrorCategory;
  if (/^HTTP \d+$/.test(code)) return "http_status";
  if (/^(ENOTFOUND|EAI_AGAIN|EAI_FAIL|EAI_NONAME|EAI_NODATA)$/.test(code)) return "dns";
  if (/CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|HOSTNAME_MISMATCH|EPROTO/.test(code)) return "tls";
  return "connect";
}

export interface PostWebhookOptions extends ResolveWebhookHostOptions {
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/**
 * POSTs a webhook. The host is resolved and checked first (see resolveWebhookHost), and the socket connects
 * to that checked address only; TLS still verifies the certificate against the URL's host name. Redirects
 * are not followed. Never throws: the outcome carries a category, and the error itself for the server log.
 */
export async function postWebhook(url: string, options: PostWebhookOptions): Promise<TPostOutcome> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const target = new URL(url);
    const address = await Promise.race([
      resolveWebhookHost(target.hostname, options),
      new Promise<never>((_, reject) => signal.addEventListener("abort", () => reject(signal.reason))),
    ]);
    const status = await send(target, address, options, signal);
    return status >= 200 && status < 300 ? { status, error: null } : { status, error: "http_status" };
  } catch (err) {
    return { status: null, error: errorCategory(err), cause: err };
  }
}

function send(
  target: URL,
  address: string,
  options: PostWebhookOptions,
  signal: AbortSignal,
): Promise<number> {
  const family = address.includes(":") ? 6 : 4;
  // Any lookup the socket makes returns the checked address, whatever it asks for.
  const pinned: LookupFunction = (_host, opts, callback) => {
    if (opts.all)
      (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const client = target.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      target,
      {
        method: "POST",
        headers: { ...options.headers, "content-length": Buffer.byteLength(options.body) },
        lookup: pinned,
        signal,
        agent: false,
      },
      (res) => {
        // Only the status matters; the body is not read.
        resolve(res.statusCode ?? 0);
        res.destroy();
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}
