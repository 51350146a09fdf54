/**
 * A streaming CSV reader (RFC 4180) for uploaded tables: text in, records out with the line each ends on. A line
 * without a quote is split as it is; a record with quotes is read character by character (a quoted field may
 * hold the delimiter, line breaks and doubled quotes). Lines end in LF or CRLF; empty lines are skipped; records
 * may have any number of fields. A quote inside an unquoted field, anything but a delimiter or the line's end
 * after a closing quote, a quote still open at the end of the text and a record longer than the limit are
 * errors, as with csv-parse (which reads a file whose first line ends in a lone CR: see `csvRows`).
 */

/** One record and the line (1-based) it ends on. */
export interface TCsvRecord {
  line: number;
  cells: string[];
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

export class CsvRecords {
  /** Text of a record not yet complete (the end of the last chunk). */
  private rest = "";
  /** Lines ended before `rest`. */
  private lines = 0;
  private started = false;
  private readonly delimiter: string;
  private readonly delimiterCode: number;
  private readonly maxRecordSize: number;

  constructor(delimiter: string, maxRecordSize: number) {
    this.delimiter = delimiter;
    this.delimiterCode = delimiter.charCodeAt(0);
    this.maxRecordSize = maxRecordSize;
  }

  /** Appends to `out` every record completed by `text`; `last` (no more text) completes the final one. */
  push(text: string, out: TCsvRecord[], last = false): void {
    let buf = this.rest ? this.rest + text : text;
    if (!this.started && buf.length > 0) {
      this.started = true;
      if (buf.charCodeAt(0) === 0xfeff) buf = buf.slice(1);
    }
    let pos = 0;
    let quoteAt = buf.indexOf('"');
    const end = buf.length;
    while (pos < end) {
      if (quoteAt !== -1 && quoteAt < pos) quoteAt = buf.indexOf('"', pos);
      const lf = buf.indexOf("\n", pos);
      if (quoteAt === -1 || (lf !== -1 && quoteAt > lf)) {
        // A line without a quote.
        if (lf === -1 && !last) break;
        const stop = lf === -1 ? end : lf;
        const textEnd = stop > pos && buf.charCodeAt(stop - 1) === CR ? stop - 1 : stop;
        if (textEnd - pos > this.maxRecordSize) throw this.tooLong();
        this.lines++;
        if (textEnd > pos)
          out.push({ line: this.lines, cells: buf.slice(pos, textEnd).split(this.delimiter) });
        pos = stop + 1;
        continue;
      }
      const read = this.quotedRecord(buf, pos, last);
      if (read === -1) break;
      out.push(this.record);
      pos = read;
    }
    this.rest = pos < end ? buf.slice(pos) : "";
    if (this.rest.length > this.maxRecordSize) throw this.tooLong();
    if (last && this.rest)
      throw new Error(
        `Quote Not Closed: the parsing is finished with an opening quote at line ${this.lines + 1}`,
      );
  }

  private record: TCsvRecord = { line: 0, cells: [] };

  /**
   * Reads the record that starts at `start` and has a quote, into `this.record`; returns where the next record
   * starts, or -1 when the text ends first (and more is to come).
   */
  private quotedRecord(buf: string, start: number, last: boolean): number {
    const cells: string[] = [];
    const end = buf.length;
    let lines = this.lines;
    let pos = start;
    for (;;) {
      // One field, starting at pos.
      if (pos < end && buf.charCodeAt(pos) === QUOTE) {
        let value = "";
        let from = pos + 1;
        for (;;) {
          const q = buf.indexOf('"', from);
          if (q === -1) return -1;
          if (q + 1 >= end && !last) return -1;
          value += buf.slice(from, q);
          if (buf.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            from = q + 2;
            continue;
          }
          pos = q + 1;
          break;
        }
        for (let i = value.indexOf("\n"); i !== -1; i = value.indexOf("\n", i + 1)) lines++;
        cells.push(value);
        if (pos - start > this.maxRecordSize) throw this.tooLong();
        const c = pos < end ? buf.charCodeAt(pos) : -1;
        if (c === this.delimiterCode) {
          pos++;
          continue;
        }
        if (c === LF || c === -1) return this.done(cells, lines, c === -1 ? pos : pos + 1, last);
        if (c === CR) {
          if (pos + 1 >= end && !last) return -1;
          if (pos + 1 >= end || buf.charCodeAt(pos + 1) === LF)
            return this.done(cells, lines, Math.min(pos + 2, end), last);
        }
        throw new Error(
          `Invalid Closing Quote: got "${buf[pos]}" at line ${lines + 1} instead of delimiter, record delimiter`,
        );
      }
      // An unquoted field: up to the next delimiter or the line's end; a quote in it is an error.
      let stop = pos;
      while (stop < end) {
        const c = buf.charCodeAt(stop);
        if (c === this.delimiterCode || c === LF) break;
        if (c === QUOTE)
          throw new Error(
            `Invalid Opening Quote: a quote is found on field ${cells.length} at line ${lines + 1}, value is "${buf.slice(pos, stop)}"`,
          );
        stop++;
      }
      if (stop - start > this.maxRecordSize) throw this.tooLong();
      if (stop >= end && !last) return -1;
      const c = stop < end ? buf.charCodeAt(stop) : -1;
      const valueEnd =
        c !== this.delimiterCode && stop > pos && buf.charCodeAt(stop - 1) === CR ? stop - 1 : stop;
      cells.push(buf.slice(pos, valueEnd));
      if (c === this.delimiterCode) {
        pos = stop + 1;
        continue;
      }
      return this.done(cells, lines, c === -1 ? stop : stop + 1, last);
    }
  }

  private done(cells: string[], lines: number, next: number, _last: boolean): number {
    this.lines = lines + 1;
    this.record = { line: this.lines, cells };
    return next;
  }

  private tooLong(): Error {
    return new Error(
      `Max Record Size: record exceed the maximum number of tolerated bytes of ${this.maxRecordSize} at line ${this.lines + 1}`,
    );
  }
}
