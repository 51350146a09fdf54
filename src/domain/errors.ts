/** Stable codes for rule violations in the domain layer; the HTTP layer maps them (all are client errors). */
export type DomainErrorCode = "INVALID_INPUT" | "INVALID_MODEL" | "INVALID_SCORE";

/**
 * One concrete problem, addressed by a path such as `sections[1].criteria[0].max` or a criterion key. `message`
 * is English for logs and tests; `code` (with `values`) is what the HTTP layer says in the caller's language.
 */
export interface DomainProblem {
  path: string;
  message: string;
  code?: string;
  values?: Record<string, string>;
}

/** The only error the domain layer throws on bad input; `problems` lists every violation found, not just the first. */
export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly problems: DomainProblem[];

  constructor(code: DomainErrorCode, message: string, problems: DomainProblem[] = []) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    this.problems = problems;
  }
}

/** Throws INVALID_INPUT unless `value` is a finite integer ≥ 0 (counts of answers, calls, tickets). */
export function assertCount(value: number, path: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new DomainError("INVALID_INPUT", `${path} must be a whole number ≥ 0, got ${value}`, [
      { path, message: "must be a whole number ≥ 0" },
    ]);
  }
}
