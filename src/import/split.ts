import type { StoredRecord } from "../store";

/** A longer record is rejected (too_long) and never held whole: an unclosed quote cannot swallow the file. */
export const MAX_RECORD_CHARS = 64 * 1024;

/** Turns text arriving in pieces into records with the line each starts on. */
export interface Splitter {
  push(text: string): StoredRecord[];
  end(): StoredRecord[];
}

const TOO_LONG = `longer than ${MAX_RECORD_CHARS} characters`;

/** NDJSON: one record per line (LF or CRLF); blank lines are skipped but counted. */
export function ndjsonSplitter(): Splitter {
  let line = 0;
  let text = "";
  let tooLong = false;
  const append = (piece: string) => {
    if (tooLong) return;
    text += piece;
    if (text.length > MAX_RECORD_CHARS) [tooLong, text] = [true, ""];
  };
  const flush = (out: StoredRecord[]) => {
    line++;
    const record = text.endsWith("\r") ? text.slice(0, -1) : text;
    if (tooLong) out.push([line, "too_long", TOO_LONG]);
    else if (record.trim()) out.push([line, record]);
    [tooLong, text] = [false, ""];
  };
  return {
    push(piece) {
      const out: StoredRecord[] = [];
      let start = 0;
      for (let nl = piece.indexOf("\n"); nl !== -1; nl = piece.indexOf("\n", start)) {
        append(piece.slice(start, nl));
        flush(out);
        start = nl + 1;
      }
      append(piece.slice(start));
      return out;
    },
    end() {
      const out: StoredRecord[] = [];
      if (text || tooLong) flush(out);
      return out;
    },
  };
}

const SPECIAL = /[,"\r\n]/g;

/**
 * CSV after RFC 4180: fields separated by commas, records by LF or CRLF, a field in double
 * quotes may hold commas, line breaks and doubled quotes. A record breaking those rules
 * becomes an invalid_csv problem on the line it starts on; blank lines are skipped.
 */
export function csvSplitter(): Splitter {
  let fields: string[] = [];
  let field = "";
  let state: "start" | "plain" | "quoted" | "quote" = "start";
  let quotes = false;
  let problem: string | undefined;
  let chars = 0;
  let line = 1;
  let start = 1;
  const add = (text: string) => {
    chars += text.length;
    if (chars <= MAX_RECORD_CHARS) field += text;
  };
  const endField = () => {
    fields.push(field);
    [field, state] = ["", "start"];
  };
  const endRecord = (out: StoredRecord[]) => {
    endField();
    if (chars > MAX_RECORD_CHARS) out.push([start, "too_long", TOO_LONG]);
    else if (problem) out.push([start, "invalid_csv", problem]);
    else if (fields.length > 1 || fields[0] !== "" || quotes) out.push([start, fields]);
    [fields, quotes, problem, chars, start] = [[], false, undefined, 0, line + 1];
  };
  return {
    push(text) {
      const out: StoredRecord[] = [];
      let i = 0;
      while (i < text.length) {
        if (state === "quoted") {
          const quote = text.indexOf('"', i);
          const end = quote === -1 ? text.length : quote;
          const segment = text.slice(i, end);
          for (let nl = segment.indexOf("\n"); nl !== -1; nl = segment.indexOf("\n", nl + 1)) line++;
          add(segment);
          if (quote === -1) break;
          [state, i] = ["quote", quote + 1];
          continue;
        }
        if (state === "quote" && text[i] === '"') {
          add('"');
          [state, i] = ["quoted", i + 1];
          continue;
        }
        SPECIAL.lastIndex = i;
        const match = SPECIAL.exec(text);
        const end = match ? match.index : text.length;
        if (end > i) {
          if (state === "quote") problem ??= "text after a closing quote";
          add(text.slice(i, end));
          state = "plain";
        }
        if (!match) break;
        i = end + 1;
        const ch = text[end];
        if (ch === ",") endField();
        else if (ch === "\n") {
          endRecord(out);
          line++;
        } else if (ch === '"') {
          if (state === "start") [state, quotes] = ["quoted", true];
          else {
            problem ??= "a quote inside an unquoted field";
            add('"');
          }
        }
        // "\r" outside quotes is dropped: CRLF and LF end records alike.
      }
      return out;
    },
    end() {
      const out: StoredRecord[] = [];
      if (state === "quoted") problem ??= "a quoted field is not closed";
      if (fields.length || field || state !== "start") endRecord(out);
      return out;
    },
  };
}
