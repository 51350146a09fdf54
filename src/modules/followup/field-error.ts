import { type AppError, fieldProblem, type TErrorCode, type TMessageRef } from "../../http/errors.ts";

/** A 4xx naming the request field at fault (`body.ownerId`, …), said with a catalogue message. */
export function fieldError(path: string, message: TMessageRef, code: TErrorCode = "VALIDATION"): AppError {
  return fieldProblem(path, message, { code });
}
