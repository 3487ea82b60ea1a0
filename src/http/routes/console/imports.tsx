import { Hono, type Context } from "hono";
import { startImport } from "../../../flows/start-import";
import { formatOfFile } from "../../../import/formats";
import { ImportFileError, MAX_IMPORT_BYTES } from "../../../import/upload";
import type { AppEnv } from "../../context";
import { importErrorsCsv, importView } from "../../import-report";
import { MalformedMultipart, readUpload } from "../../multipart";
import { ImportNotFoundPage, ImportPage, PROGRESS_SCRIPT } from "../../pages/console/import";
import { ImportsPage, RECENT_IMPORTS, type FormatChoice, type UploadProblem } from "../../pages/console/imports";
import { pageCspWithScript } from "../../pages/layout";
import { pageLocaleOf } from "../../pages/request";
import { localOffsetOf, requirePageScope } from "./guard";

/** Room for the form's framing and its format field around a file of MAX_IMPORT_BYTES. */
const FORM_SLACK = 16 * 1024;
const FORMAT_CHOICES: readonly FormatChoice[] = ["auto", "csv", "ndjson"];
const IMPORT_ID = /^[\w-]{1,64}$/;
const ERRORS_CURSOR = /^\d+\.\d+$/;
const ERRORS_PER_PAGE = 100;

/**
 * /admin/imports: upload a file (the flow /v1/imports uses), the latest imports, and each
 * import's page with its progress and errors. Needs contacts:import, as /v1/imports does.
 * The upload's body is not held by the console's 64 KiB limit (index.ts): it is read as
 * it arrives and bounded as /v1's is, 64 MiB of file.
 */
export const importRoutes = new Hono<AppEnv>()
  .use("*", requirePageScope("contacts:import", "imports"))
  .get("/", (c) => listPage(c))
  .post("/", async (c) => {
    const body = c.req.raw.body;
    const type = c.req.header("Content-Type") ?? "";
    if (Number(c.req.header("Content-Length")) > MAX_IMPORT_BYTES + FORM_SLACK) return listPage(c, { field: "file", text: "tooLarge" }, 413);
    if (!body || !/^multipart\/form-data\b/i.test(type)) return listPage(c, { field: "file", text: "noFile" }, 400);
    let format: FormatChoice = "auto";
    try {
      const { fields, file } = await readUpload(body, type, "file");
      format = FORMAT_CHOICES.find((choice) => choice === fields.format) ?? "auto";
      // A form sent without choosing a file still has the part, with no name and no bytes.
      if (!file || file.filename === "") {
        await file?.body.cancel();
        return listPage(c, { field: "file", text: "noFile" }, 400, format);
      }
      const fileFormat = format === "auto" ? formatOfFile(file.type, file.filename) : format;
      if (!fileFormat) {
        await file.body.cancel();
        return listPage(c, { field: "format", text: "unknownFormat" }, 400, format);
      }
      const { id } = await startImport(c.var.services, c.env.IMPORT_QUEUE, { apiKeyId: c.var.principal.keyId, format: fileFormat, body: file.body });
      return c.redirect(`/admin/imports/${id}`, 303);
    } catch (error) {
      if (error instanceof MalformedMultipart) return listPage(c, { field: "file", text: "malformed" }, 400, format);
      if (!(error instanceof ImportFileError)) throw error;
      if (error.code === "payload_too_large") return listPage(c, { field: "file", text: "tooLarge" }, 413, format);
      return listPage(c, { field: "file", text: "refused", detail: error.message, issues: error.issues }, 400, format);
    }
  })
  .get("/:id", async (c) => {
    const progress = await progressOf(c);
    if (!progress) return notFound(c);
    const after = ERRORS_CURSOR.test(c.req.query("after") ?? "") ? c.req.query("after") : undefined;
    const page = await c.var.store.imports.errors(progress.id, after, ERRORS_PER_PAGE);
    const view = importView(progress);
    // The progress bar's script runs only while the queue works, and only that script may run.
    if (view.status === "queued" || view.status === "running") c.header("Content-Security-Policy", pageCspWithScript(await progressScriptHash()));
    return c.html(<ImportPage locale={pageLocaleOf(c)} view={view} errors={page.errors} after={after} next={page.next} utcOffsetMinutes={localOffsetOf(c)} />);
  })
  .get("/:id/progress", async (c) => {
    const progress = await progressOf(c);
    return progress ? c.json(importView(progress)) : c.json({ error: "not_found" }, 404);
  })
  .get("/:id/errors.csv", async (c) => {
    const progress = await progressOf(c);
    if (!progress) return notFound(c);
    const { body, headers } = importErrorsCsv(c.var.store.imports, progress.id);
    return c.body(body, 200, headers);
  });

async function listPage(c: Context<AppEnv>, problem?: UploadProblem, status: 200 | 400 | 413 = 200, format?: FormatChoice) {
  const imports = (await c.var.store.imports.recent(RECENT_IMPORTS)).map(importView);
  return c.html(<ImportsPage locale={pageLocaleOf(c)} imports={imports} utcOffsetMinutes={localOffsetOf(c)} problem={problem} format={format} />, status);
}

async function progressOf(c: Context<AppEnv>) {
  const id = c.req.param("id") ?? "";
  return IMPORT_ID.test(id) ? c.var.store.imports.progress(id) : undefined;
}

function notFound(c: Context<AppEnv>) {
  const id = c.req.param("id") ?? "";
  return c.html(<ImportNotFoundPage locale={pageLocaleOf(c)} id={IMPORT_ID.test(id) ? id : ""} />, 404);
}

let scriptHash: Promise<string> | undefined;

/** The SHA-256 of the progress bar's script, base64, for the page's Content-Security-Policy. */
function progressScriptHash(): Promise<string> {
  scriptHash ??= crypto.subtle
    .digest("SHA-256", new TextEncoder().encode(PROGRESS_SCRIPT))
    .then((digest) => btoa(String.fromCharCode(...new Uint8Array(digest))));
  return scriptHash;
}
