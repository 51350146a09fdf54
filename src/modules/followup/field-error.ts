import { AppError, type TErrorCode } from "../../http/errors.ts";

/** A 4xx naming the request field at fault (`body.ownerId`, …). */
export function fieldError(path: string, message: string, code: TErrorCode = "VALIDATION"): AppError {
  return new AppError(code, { detail: `${path}: ${message}`, errors: [{ path, message }] });
}
