import type { FastifyReply, FastifyRequest, onRequestHookHandler } from "fastify";
import { AppError } from "../../http/errors.ts";

/** Requests for survey links (/s/…) per client address and minute. */
export const LINK_REQUESTS_PER_ADDRESS = 120;
/** Requests for one survey link per minute, from any address (a person needs a handful). */
export const LINK_REQUESTS_PER_TOKEN = 30;
/** Keys (addresses, links) counted at most per limit; beyond this, expired counts go, then the oldest. */
const MAX_KEYS = 10_000;
const MINUTE = 60_000;

export interface LimitLinkRequestsOptions {
  perAddress?: number;
  perLink?: number;
}

/**
 * Fixed windows of a minute per key, in this process's memory: a key's window starts with its first request.
 * Returns, for a request over the limit, the seconds until its window ends; else 0.
 */
export function minuteCounter(max: number, now: () => number = Date.now) {
  const windows = new Map<string, { count: number; endsAt: number }>();
  const makeRoom = (at: number) => {
    for (const [key, w] of windows) if (w.endsAt <= at) windows.delete(key);
    // Still nearly full: the oldest tenth goes (their keys start afresh), so that this runs once in many requests.
    for (const key of windows.keys()) {
      if (windows.size < MAX_KEYS * 0.9) break;
      windows.delete(key);
    }
  };
  return (key: string): number => {
    const at = now();
    let w = windows.get(key);
    if (!w || w.endsAt <= at) {
      if (w) windows.delete(key);
      else if (windows.size >= MAX_KEYS) makeRoom(at);
      w = { count: 0, endsAt: at + MINUTE };
      windows.set(key, w);
    }
    w.count++;
    return w.count > max ? Math.max(1, Math.ceil((w.endsAt - at) / 1000)) : 0;
  };
}

/**
 * An onRequest hook that limits the survey link pages, where every request costs a database look-up: per client
 * address, and per link so that many addresses cannot hammer one link either. It runs before any look-up and
 * synchronously (it is on every page view and answer). The counts live in this process's memory, like the API's
 * limit; a limited request gets 429 with Retry-After.
 */
export function limitLinkRequests({
  perAddress = LINK_REQUESTS_PER_ADDRESS,
  perLink = LINK_REQUESTS_PER_TOKEN,
}: LimitLinkRequestsOptions = {}): onRequestHookHandler {
  const byAddress = minuteCounter(perAddress);
  const byLink = minuteCounter(perLink);
  return (request: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
    const wait =
      byAddress(request.ip) || byLink((request.params as { token?: string } | undefined)?.token ?? "");
    if (!wait) return done();
    reply.header("retry-after", String(wait));
    done(new AppError("RATE_LIMITED", { message: { key: "problem.rateLimited.minute" } }));
  };
}
