import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { AppError, codeForStatus, toProblem } from "./errors.ts";

const pgCodes: Record<string, () => AppError> = {
  "23505": () => new AppError("CONFLICT", { detail: "A record with the same unique value already exists." }),
  "23503": () =>
    new AppError("CONFLICT", { detail: "The change refers to, or is referred to by, another record." }),
  "22P02": () => new AppError("VALIDATION", { detail: "A value has the wrong format." }),
  // Last resort behind the input schemas: a NUL character, or a date beyond what the database stores.
  "22021": () => new AppError("VALIDATION", { detail: "A text contains a character that cannot be stored." }),
  "22P05": () => new AppError("VALIDATION", { detail: "A text contains a character that cannot be stored." }),
  "22008": () => new AppError("VALIDATION", { detail: "A date is out of range." }),
};

/** Turns anything thrown into an AppError: the single place where library and database errors are mapped. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const part = (err as FastifyError).validationContext ?? "body";
    const errors = err.validation.map((v) => ({
      path: [
        part,
        ...String(v.instancePath ?? "")
          .split("/")
          .filter(Boolean),
      ].join("."),
      message: v.message ?? "invalid",
    }));
    return new AppError("VALIDATION", {
      detail: `Invalid input: ${errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`,
      errors,
    });
  }
  if (isResponseSerializationError(err)) return new AppError("INTERNAL", { cause: err });
  const pgCode = findPgCode(err);
  if (pgCode && pgCodes[pgCode]) return pgCodes[pgCode]();
  const fe = err as Partial<FastifyError>;
  if (typeof fe.statusCode === "number" && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError(codeForStatus(fe.statusCode), { detail: fe.message, cause: err });
  }
  return new AppError("INTERNAL", { cause: err });
}

function findPgCode(err: unknown): string | undefined {
  for (
    let e = err as { code?: unknown; cause?: unknown } | undefined, i = 0;
    e && i < 4;
    e = e.cause as never, i++
  ) {
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

/** Installs the problem+json error and not-found handlers. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const appErr = toAppError(err);
    if (appErr.status >= 500) request.log.error({ err }, "request failed");
    else request.log.info({ code: appErr.code }, "request rejected");
    return sendProblem(reply, request, appErr);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, request, new AppError("NOT_FOUND", { detail: "No such resource." })),
  );
}

/** Sends an AppError as application/problem+json. */
export function sendProblem(reply: FastifyReply, request: FastifyRequest, err: AppError): FastifyReply {
  const path = request.url.split("?")[0];
  return reply
    .status(err.status)
    .type("application/problem+json; charset=utf-8")
    .send(JSON.stringify(toProblem(err, String(request.id), path)));
}
