import type { IncomingMessage, ServerResponse } from "node:http";
import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";

/** A Fastify instance whose routes are typed by their zod schemas. */
export type Api = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export const ZIdParams = z.object({ id: z.uuid({ message: "must be a UUID" }) });

/** RFC 9457 problem body (see toProblem in errors.ts), the shared error schema of the OpenAPI document. */
export const ZProblem = z.object({
  type: z.string().describe("A URI naming the kind of problem"),
  title: z.string(),
  status: z.number().int().min(400).max(599),
  detail: z.string().describe("What went wrong, safe to show the user"),
  code: z.string().describe("Stable error code, e.g. VALIDATION, NOT_FOUND, CSRF, RATE_LIMITED"),
  instance: z.string().optional(),
  requestId: z.string().describe("Also in the x-request-id header; quote it when reporting a problem"),
  errors: z
    .array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() }))
    .optional()
    .describe("Per-field errors of invalid input, e.g. path body.email"),
});
