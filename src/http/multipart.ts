/** A multipart/form-data body that cannot be read: no boundary, a part cut short, a field too long. */
export class MalformedMultipart extends Error {
  override name = "MalformedMultipart";
}

/** The file part: its name and type as the browser gave them, and its bytes as they arrive. */
export interface UploadedFile {
  filename: string;
  type: string;
  body: ReadableStream<Uint8Array>;
}

/** A text field before the file is a choice (a select), not a document. */
const MAX_FIELD_BYTES = 1024;
const MAX_HEADER_BYTES = 4096;
const CRLF = new Uint8Array([13, 10]);
const CRLF2 = new Uint8Array([13, 10, 13, 10]);

/**
 * Reads a multipart/form-data body as a stream (hono's parseBody and workerd's formData()
 * hold the whole body, a file of up to 64 MiB twice over): the text fields that come before
 * the part named `fileField`, then that part's bytes as a stream, ending at its boundary.
 * Parts after the file are never read. Browsers send fields in the form's order, so a form
 * puts its choices before its file input.
 */
export async function readUpload(
  body: ReadableStream<Uint8Array>,
  contentType: string,
  fileField: string,
): Promise<{ fields: Record<string, string>; file: UploadedFile | undefined }> {
  const boundary = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!boundary) throw new MalformedMultipart("The form has no boundary.");
  const input = new ByteReader(body.getReader());
  const delimiter = new TextEncoder().encode(`\r\n--${boundary[1] ?? boundary[2]}`);
  // The first delimiter has no CRLF before it: pretend the body starts with one.
  input.unshift(CRLF);
  await input.skipPast(delimiter, MAX_HEADER_BYTES);
  const fields: Record<string, string> = {};
  for (;;) {
    const after = await input.take(2);
    if (after[0] === 45 && after[1] === 45) break; // "--": the closing delimiter
    if (after[0] !== 13 || after[1] !== 10) throw new MalformedMultipart("A part's boundary is malformed.");
    const headers = headersOf(await input.readUntil(CRLF2, MAX_HEADER_BYTES));
    const name = /;\s*name="([^"]*)"/i.exec(headers["content-disposition"] ?? "")?.[1];
    if (name === fileField) {
      const filename = /;\s*filename="([^"]*)"/i.exec(headers["content-disposition"] ?? "")?.[1] ?? "";
      return { fields, file: { filename, type: headers["content-type"] ?? "", body: input.streamUntil(delimiter) } };
    }
    const value = await input.readUntil(delimiter, MAX_FIELD_BYTES);
    if (name !== undefined) fields[name] = new TextDecoder().decode(value);
  }
  await input.cancel();
  return { fields, file: undefined };
}

function headersOf(bytes: Uint8Array): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of new TextDecoder().decode(bytes).split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** A byte stream read by delimiters, holding only what has arrived and not been handed on. */
class ByteReader {
  private buffer: Uint8Array = new Uint8Array(0);
  private ended = false;

  constructor(private readonly reader: ReadableStreamDefaultReader<Uint8Array>) {}

  unshift(bytes: Uint8Array) {
    this.buffer = concat(bytes, this.buffer);
  }

  async cancel() {
    await this.reader.cancel().catch(() => undefined);
  }

  /** Reads one more chunk into the buffer; false at the end of the body. */
  private async more(): Promise<boolean> {
    if (this.ended) return false;
    const { done, value } = await this.reader.read();
    if (done) this.ended = true;
    else this.buffer = concat(this.buffer, value);
    return !done;
  }

  async take(n: number): Promise<Uint8Array> {
    while (this.buffer.length < n) if (!(await this.more())) throw new MalformedMultipart("The form ends too early.");
    const taken = this.buffer.slice(0, n);
    this.buffer = this.buffer.subarray(n);
    return taken;
  }

  /** The bytes before the delimiter (which is consumed too); at most `max` of them. */
  async readUntil(delimiter: Uint8Array, max: number): Promise<Uint8Array> {
    for (;;) {
      const at = indexOf(this.buffer, delimiter);
      if (at >= 0) {
        if (at > max) break;
        const before = this.buffer.slice(0, at);
        this.buffer = this.buffer.subarray(at + delimiter.length);
        return before;
      }
      if (this.buffer.length > max + delimiter.length) break;
      if (!(await this.more())) throw new MalformedMultipart("The form ends too early.");
    }
    throw new MalformedMultipart(`A part of the form is longer than ${max} bytes.`);
  }

  async skipPast(delimiter: Uint8Array, max: number): Promise<void> {
    await this.readUntil(delimiter, max);
  }

  /** The bytes up to the delimiter as a stream, handed on as they arrive; the body must hold the delimiter. */
  streamUntil(delimiter: Uint8Array): ReadableStream<Uint8Array> {
    return new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        for (;;) {
          const at = indexOf(this.buffer, delimiter);
          if (at >= 0) {
            if (at > 0) controller.enqueue(this.buffer.subarray(0, at));
            this.buffer = this.buffer.subarray(at + delimiter.length);
            controller.close();
            await this.cancel();
            return;
          }
          // All but a tail that could be the delimiter's start.
          const safe = this.buffer.length - (delimiter.length - 1);
          if (safe > 0) {
            controller.enqueue(this.buffer.subarray(0, safe));
            this.buffer = this.buffer.subarray(safe);
            return;
          }
          if (!(await this.more())) throw new MalformedMultipart("The file ends before its boundary: the upload was cut short.");
        }
      },
      cancel: () => this.cancel(),
    });
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

/** Where `needle` starts in `haystack`, or -1: candidates found by the native search for its first byte. */
function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  for (let at = haystack.indexOf(needle[0]!); at >= 0 && at <= haystack.length - needle.length; at = haystack.indexOf(needle[0]!, at + 1)) {
    let i = 1;
    while (i < needle.length && haystack[at + i] === needle[i]) i++;
    if (i === needle.length) return at;
  }
  return -1;
}
