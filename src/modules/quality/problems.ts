import { DomainError, type DomainProblem } from "../../domain/errors.ts";
import { AppError } from "../../http/errors.ts";

/** A 4xx naming the request field at fault (`body.employeeId`, …). */
export function fieldError(
  path: string,
  message: string,
  code: "VALIDATION" | "CONFLICT" = "VALIDATION",
): AppError {
  return new AppError(code, { detail: `${path}: ${message}`, errors: [{ path, message }] });
}

/** A 400 listing every domain problem under a path prefix (`body.scores`, `definition`). */
export function problemsError(prefix: string, problems: DomainProblem[]): AppError {
  const errors = problems.map((p) => ({ path: `${prefix}.${p.path}`, message: p.message }));
  return new AppError("VALIDATION", {
    detail: errors.map((e) => `${e.path}: ${e.message}`).join("; "),
    errors,
  });
}

/** Runs a domain computation, turning its DomainError into a 400 under `prefix`. */
export function orProblem<T>(prefix: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof DomainError) throw problemsError(prefix, error.problems);
    throw error;
  }
}

export const notFound = (what: string) => new AppError("NOT_FOUND", { detail: `${what} not found` });
export const conflict = (detail: string) => new AppError("CONFLICT", { detail });
export const forbidden = (detail: string) => new AppError("FORBIDDEN", { detail });
