import { fieldProblem } from "../../http/errors.ts";

/** An opaque page cursor: the sort instant and id of the last row of the previous page. */
export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString("base64url");
}

/** Reads a cursor made by encodeCursor, or fails naming querystring.cursor. */
export function decodeCursor(cursor: string): [Date, string] {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, string];
    const date = new Date(at);
    if (Number.isNaN(date.getTime()) || typeof id !== "string") throw new Error("bad cursor");
    return [date, id];
  } catch {
    throw fieldProblem(
      "querystring.cursor",
      { key: "problem.field.invalidCursor" },
      { detail: { key: "problem.cursor.invalid" } },
    );
  }
}
