import { z } from "zod";
import { REF_KINDS } from "./resolve-refs.ts";

/** The response part that says what each catalogue value of an uploaded file was read as. */
export const ZRefMatches = z
  .array(
    z.object({
      kind: z.enum(REF_KINDS),
      given: z.string(),
      by: z.enum(["id", "code", "name"]),
      id: z.string(),
      code: z.string().nullable(),
      name: z.string(),
      rows: z.number().int(),
      lines: z.array(z.number().int()),
    }),
  )
  .describe(
    "What each service, department, employee and channel value of the file matched (id, code or name)",
  );
