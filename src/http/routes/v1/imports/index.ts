import { createRoute } from "@hono/zod-openapi";
import { startImport } from "../../../../flows/start-import";
import { ImportRowSchema } from "../../../../import/rows";
import { formatOfMediaType } from "../../../../import/formats";
import { requireScope } from "../../../auth";
import { ApiError } from "../../../errors";
import { importErrorsCsv, importView } from "../../../import-report";
import { bearerAuth, createRouter } from "../../../router";
import { errorResponses, jsonResponse } from "../../../schemas";
import { ErrorsQuerySchema, ImportAcceptedSchema, ImportErrorsSchema, ImportParamsSchema, ImportSchema } from "./schema";
import { MAX_IMPORT_BYTES, tooLarge } from "../../../../import/upload";

const auth = { security: bearerAuth, middleware: requireScope("contacts:import") };

const uploadRoute = createRoute({
  method: "post",
  path: "/imports",
  operationId: "startImport",
  summary: "Import contacts and their consent records from an NDJSON or CSV file (up to 64 MiB), in the background",
  ...auth,
  request: {
    body: {
      required: true,
      content: {
        "application/x-ndjson": { schema: ImportRowSchema },
        "text/csv": { schema: { type: "string" as const, description: "Header row, then one consent record per row (docs/import.md)" } },
      },
    },
  },
  responses: {
    202: jsonResponse("Accepted; GET links.self for its progress", ImportAcceptedSchema),
    ...errorResponses(400, 401, 403, 413, 415),
  },
});

const statusRoute = createRoute({
  method: "get",
  path: "/imports/{id}",
  operationId: "getImport",
  summary: "An import's status, counts, progress and first errors",
  ...auth,
  request: { params: ImportParamsSchema },
  responses: { 200: jsonResponse("The import", ImportSchema), ...errorResponses(400, 401, 403, 404) },
});

const errorsRoute = createRoute({
  method: "get",
  path: "/imports/{id}/errors",
  operationId: "listImportErrors",
  summary: "An import's row errors in file order, in pages; or all of them as CSV",
  ...auth,
  request: { params: ImportParamsSchema, query: ErrorsQuerySchema },
  responses: {
    200: {
      description: "One page of errors (CSV: all of them; columns line, path, code, message)",
      content: { "application/json": { schema: ImportErrorsSchema }, "text/csv": { schema: { type: "string" as const } } },
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const importRoutes = createRouter()
  .openapi(uploadRoute, async (c) => {
    const format = formatOfMediaType(c.req.header("Content-Type") ?? "");
    if (!format) throw new ApiError("unsupported_media_type", "Send the file as application/x-ndjson or text/csv.");
    if (Number(c.req.header("Content-Length")) > MAX_IMPORT_BYTES) throw tooLarge();
    if (!c.req.raw.body) throw new ApiError("invalid_request", "The file is empty.");
    const { id, rows } = await startImport(c.var.services, c.env.IMPORT_QUEUE, { apiKeyId: c.var.principal.keyId, format, body: c.req.raw.body });
    return c.json({ id, status: "queued" as const, format, rows, links: linksOf(id) }, 202, { Location: linksOf(id).self });
  })
  .openapi(statusRoute, async (c) => {
    const { id } = c.req.valid("param");
    const progress = await c.var.store.imports.progress(id);
    if (!progress) throw new ApiError("not_found", "No such import.");
    const page = await c.var.store.imports.errors(id, undefined, 100);
    return c.json({ ...importView(progress), errors: page.errors, nextErrorsCursor: page.next, links: linksOf(id) }, 200);
  })
  .openapi(errorsRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { cursor, limit, format } = c.req.valid("query");
    const { imports } = c.var.store;
    if (!(await imports.progress(id))) throw new ApiError("not_found", "No such import.");
    if (format !== "csv") {
      const page = await imports.errors(id, cursor, limit);
      return c.json({ errors: page.errors, nextCursor: page.next }, 200);
    }
    const { body, headers } = importErrorsCsv(imports, id, cursor);
    return c.body(body, 200, headers);
  });

function linksOf(id: string) {
  return { self: `/v1/imports/${id}`, errors: `/v1/imports/${id}/errors` };
}
