import type { IncomingMessage, ServerResponse } from "node:http";
import type {
  ContextConfigDefault,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifySchema,
  HTTPMethods,
  RawServerDefault,
  RouteGenericInterface,
  RouteHandlerMethod,
} from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requireAccess } from "../auth/access.ts";
import type { TActor, TCapability } from "../auth/permissions.ts";
import { requireSignedIn } from "../auth/signed-in.ts";
import type { AppDeps } from "../context.ts";
import type { TApiTag, TProblemStatus } from "./openapi.ts";
import type { Api } from "./types.ts";

/** Who may call a route: holders of a capability (API key or member session), any signed-in user, or anyone. */
export type TAccess = TCapability | "signedIn" | "public";
export type TSignedIn = Awaited<ReturnType<typeof requireSignedIn>>;
type TActorOf<A extends TAccess> = A extends "public" ? null : A extends "signedIn" ? TSignedIn : TActor;

/** What the OpenAPI document needs of every route: a stable camelCase operationId, a summary, declared tags. */
export interface TRouteSchema extends FastifySchema {
  operationId: string;
  summary: string;
  tags: readonly TApiTag[];
}

export interface TRouteOptions<S extends TRouteSchema, A extends TAccess> {
  access: A;
  schema: S;
  bodyLimit?: number;
  /** Error statuses beyond those that follow from the access kind, the input and the method. */
  problems?: readonly TProblemStatus[];
  /**
   * The handler's first statement checks an API key again (`apiKeyStillValid`) and answers 401 when it no longer
   * holds, before anything is read or written for the caller: a key found valid before may come from memory.
   */
  keyCheckedByHandler?: boolean;
}

type TReq<S extends TRouteSchema> = FastifyRequest<
  RouteGenericInterface,
  RawServerDefault,
  IncomingMessage,
  S,
  ZodTypeProvider
>;
type TReply<S extends TRouteSchema> = FastifyReply<
  RouteGenericInterface,
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  ContextConfigDefault,
  S,
  ZodTypeProvider
>;
type TReturn<S extends TRouteSchema> = ReturnType<
  RouteHandlerMethod<
    RawServerDefault,
    IncomingMessage,
    ServerResponse,
    RouteGenericInterface,
    ContextConfigDefault,
    S,
    ZodTypeProvider
  >
>;

/** A handler gets the parsed request and the actor that `access` admitted. */
export type TRouteHandler<S extends TRouteSchema, A extends TAccess> = (
  request: TReq<S>,
  reply: TReply<S>,
  actor: TActorOf<A>,
) => TReturn<S>;

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The error statuses a route can answer with, from its access kind, its input and its method. */
export function problemsOf(
  method: string,
  url: string,
  access: TAccess,
  schema: FastifySchema,
  extra: readonly TProblemStatus[] = [],
): TProblemStatus[] {
  const unsafe = UNSAFE.has(method);
  const found = new Set<TProblemStatus>(extra);
  if (schema.params || schema.querystring || schema.body || schema.headers) found.add(400);
  if (access !== "public") found.add(401);
  // A missing capability, or a cookie session's change without its CSRF token.
  if (access !== "public" && (access !== "signedIn" || unsafe)) found.add(403);
  if (url.includes(":")) found.add(404);
  // Unique and foreign-key violations of a write are mapped to 409 by the error handler.
  if (access !== "public" && unsafe) found.add(409);
  if (schema.body) {
    found.add(413);
    found.add(415);
  }
  if (url.startsWith("/api/")) found.add(429);
  return [...found].sort((a, b) => a - b);
}

async function actorOf(
  deps: AppDeps,
  access: TAccess,
  request: FastifyRequest,
  reply: FastifyReply,
  keyCheckedByRoute: boolean,
) {
  if (access === "public") return null;
  if (access === "signedIn") return requireSignedIn(deps, request, reply);
  return requireAccess(deps, request, reply, access, { keyCheckedByRoute });
}

/**
 * The one way to add an API route: the zod contract and OpenAPI fields, then authentication and
 * authorisation by `access` before the handler runs; the handler calls a use case and returns its result.
 */
export function apiRoutes(app: Api, deps: AppDeps) {
  const add =
    (method: HTTPMethods) =>
    <S extends TRouteSchema, A extends TAccess>(
      url: string,
      { access, schema, bodyLimit, problems, keyCheckedByHandler = false }: TRouteOptions<S, A>,
      handler: TRouteHandler<S, A>,
    ): void => {
      const security = access === "public" ? [] : access === "signedIn" ? [{ session: [] }] : undefined;
      const fullSchema: FastifySchema = {
        ...schema,
        ...(security ? { security } : {}),
        "x-problems": problemsOf(method, `${app.prefix}${url}`, access, schema, problems),
      };
      // Types are checked at the call above; Fastify itself sees a plain route.
      (app as unknown as FastifyInstance).route({
        method,
        url,
        bodyLimit,
        schema: fullSchema,
        handler: async (request: FastifyRequest, reply: FastifyReply): Promise<unknown> =>
          handler(
            request as TReq<S>,
            reply as TReply<S>,
            (await actorOf(deps, access, request, reply, keyCheckedByHandler)) as TActorOf<A>,
          ),
      });
    };
  return { get: add("GET"), post: add("POST"), put: add("PUT"), patch: add("PATCH"), delete: add("DELETE") };
}
