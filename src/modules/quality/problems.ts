import { DomainError, type DomainProblem } from "../../domain/errors.ts";
import { AppError, fieldProblem, type TMessageRef } from "../../http/errors.ts";

/** A 4xx naming the request field at fault (`body.employeeId`, …), said with a catalogue message. */
export function fieldError(
  path: string,
  message: TMessageRef,
  code: "VALIDATION" | "CONFLICT" = "VALIDATION",
): AppError {
  return fieldProblem(path, message, { code });
}

/**
 * A 400 listing every domain problem under a path prefix (`body.scores`, `definition`). The domain says its
 * problems in English only; the fields are named in every language.
 */
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

/** What a quality NOT_FOUND is about (the catalogue says each in every language). */
export type TQualityThing =
  | "model"
  | "version"
  | "employee"
  | "agreement"
  | "evaluator"
  | "evaluation"
  | "session";

export const notFound = (what: TQualityThing) =>
  new AppError("NOT_FOUND", { message: { key: "problem.quality.notFound", values: { what } } });
export const conflict = (message: TMessageRef) => new AppError("CONFLICT", { message });
export const forbidden = (message: TMessageRef) => new AppError("FORBIDDEN", { message });
