import { describe, expect, it } from "vitest";
import { MalformedMultipart, readUpload } from "./multipart";

/** The bytes of a form as the runtime encodes it, and its Content-Type with the boundary. */
async function encoded(form: FormData) {
  const request = new Request("https://x.test/", { method: "POST", body: form });
  return { bytes: new Uint8Array(await request.arrayBuffer()), type: request.headers.get("Content-Type")! };
}

/** The bytes as a stream cut into pieces of these sizes, in turn. */
function streamOf(bytes: Uint8Array, sizes: number[]) {
  let at = 0;
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      const size = sizes[i++ % sizes.length]!;
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe("readUpload", () => {
  // Content that looks like a boundary, without being one, and CRLFs at the edges.
  const content = "\r\nemail,topic\r\n--not-the-boundary\r\n" + "é,x\r\n".repeat(3000) + "\r\n";

  it.each([[[1]], [[7]], [[69, 70, 71]], [[4096]], [[1_000_000]]])(
    "reads the fields before the file, then the file exactly, cut in pieces of %j",
    async (sizes) => {
      const form = new FormData();
      form.append("format", "csv");
      form.append("file", new File([content], "people.csv", { type: "text/csv" }));
      form.append("after", "never read");
      const { bytes, type } = await encoded(form);
      const { fields, file } = await readUpload(streamOf(bytes, sizes), type, "file");
      expect(fields).toEqual({ format: "csv" });
      expect(file?.filename).toBe("people.csv");
      expect(file?.type).toBe("text/csv");
      expect(text(new Uint8Array(await new Response(file!.body).arrayBuffer()))).toBe(content);
    },
  );

  it("gives an empty file as an empty stream, and no file when the form has none", async () => {
    const empty = new FormData();
    empty.append("file", new File([], "", { type: "application/octet-stream" }));
    const blank = await encoded(empty);
    const read = await readUpload(streamOf(blank.bytes, [5]), blank.type, "file");
    expect(read.file?.filename).toBe("");
    expect((await new Response(read.file!.body).arrayBuffer()).byteLength).toBe(0);
    const none = new FormData();
    none.append("format", "auto");
    const { bytes, type } = await encoded(none);
    expect(await readUpload(streamOf(bytes, [3]), type, "file")).toEqual({ fields: { format: "auto" }, file: undefined });
  });

  it("refuses a body without a boundary, a field over 1 KiB, and a file cut short", async () => {
    const form = new FormData();
    form.append("format", "x".repeat(2000));
    const long = await encoded(form);
    await expect(readUpload(streamOf(long.bytes, [100]), "multipart/form-data", "file")).rejects.toBeInstanceOf(MalformedMultipart);
    await expect(readUpload(streamOf(long.bytes, [100]), long.type, "file")).rejects.toBeInstanceOf(MalformedMultipart);
    const withFile = new FormData();
    withFile.append("file", new File([content], "people.csv"));
    const { bytes, type } = await encoded(withFile);
    const { file } = await readUpload(streamOf(bytes.slice(0, bytes.length - 100), [500]), type, "file");
    const reader = file!.body.getReader();
    const drain = async () => {
      while (!(await reader.read()).done);
    };
    await expect(drain()).rejects.toBeInstanceOf(MalformedMultipart);
  });
});
