import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../../http/errors.ts";

/** Requests for survey links (/s/…) per client address and minute. */
export const LINK_REQUESTS_PER_ADDRESS = 120;
/** Requests for one survey link per minute, from any address (a person needs a handful). */
export const LINK_REQUESTS_PER_TOKEN = 30;

/**
 * An onRequest hook that limits the survey link pages, where every request costs a database look-up: per client
 * address, and per link so that many addresses cannot hammer one link either. It runs before any look-up. The
 * counters live in this process's memory, like the API's limit; a limited request gets 429 with Retry-After.
 */
export interface LimitLinkRequestsOptions {
  perAddress?: number;
  perLink?: number;
}

export function limitLinkRequests(
  app: FastifyInstance,
  {
    perAddress = LINK_REQUESTS_PER_ADDRESS,
    perLink = LINK_REQUESTS_PER_TOKEN,
  }: LimitLinkRequestsOptions = {},
) {
  const minute = 60_000;
  // The app-wide limiter's allow-list skips non-API URLs; these limits count every request they see.
  const limits = [
    app.createRateLimit({
      max: perAddress,
      timeWindow: minute,
      allowList: () => false,
      keyGenerator: (r) => `link-address:${r.ip}`,
    }),
    app.createRateLimit({
      max: perLink,
      timeWindow: minute,
      allowList: () => false,
      keyGenerator: (r) => `link:${(r.params as { token?: string }).token ?? ""}`,
    }),
  ];
  return async (request: FastifyRequest, reply: FastifyReply) => {
    for (const limit of limits) {
      const result = await limit(request);
      if (!result.isAllowed && result.isExceeded) {
        reply.header("retry-after", String(result.ttlInSeconds));
        throw new AppError("RATE_LIMITED", { message: { key: "problem.rateLimited.minute" } });
      }
    }
  };
}
