import { DomainError, type DomainProblem } from "../../domain/errors.ts";
import { AppError, fieldProblem, fieldsProblem, type TMessageRef } from "../../http/errors.ts";

/** A 4xx naming the request field at fault (`body.employeeId`, …), said with a catalogue message. */
export function fieldError(
  path: string,
  message: TMessageRef,
  code: "VALIDATION" | "CONFLICT" = "VALIDATION",
): AppError {
  return fieldProblem(path, message, { code });
}

/** The catalogue message of a scorecard rule's problem code (`weights_sum` → problem.scorecard.weightsSum). */
export const scorecardProblemKey = (code: string) =>
  `problem.scorecard.${code.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())}`;

/**
 * A 400 listing every domain problem under a path prefix (`body.scores`, `definition`), each by its stable code
 * and said in the caller's language; a problem without a code is said as a value not allowed.
 */
export function problemsError(prefix: string, problems: DomainProblem[]): AppError {
  return fieldsProblem(
    problems.map((p) => ({
      path: `${prefix}.${p.path}`,
      message: p.code ? { key: scorecardProblemKey(p.code), values: p.values } : { key: "zod.invalid" },
      code: p.code,
    })),
  );
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
