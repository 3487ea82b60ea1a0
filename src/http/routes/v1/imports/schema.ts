import { z } from "@hono/zod-openapi";
import type { ImportErrorCode } from "../../../../store";

export const IMPORT_ERROR_CODES = ["invalid_json", "invalid_csv", "too_long", "invalid_field", "conflict", "erased"] as const satisfies readonly ImportErrorCode[];

export const ImportParamsSchema = z.object({
  id: z.string().min(1).max(64).openapi({ param: { name: "id", in: "path" }, example: "imp_3k9x0c1d2e3f4g5h" }),
});

const ImportErrorSchema = z
  .object({
    line: z.number().int().openapi({ description: "The line of the file the row starts on (the CSV header is line 1)" }),
    path: z.array(z.union([z.string(), z.number()])).openapi({ description: "The field (CSV: the column) at fault; [] for the whole row. Keys the file chose are not repeated: \"(key)\" for an evidence key, \"(unknown field)\" for a field the format lacks" }),
    code: z.enum(IMPORT_ERROR_CODES),
    message: z.string(),
  })
  .openapi("ImportError");

const LinksSchema = z.object({ self: z.string(), errors: z.string() });

export const ImportAcceptedSchema = z
  .object({ id: z.string(), status: z.literal("queued"), format: z.enum(["ndjson", "csv"]), rows: z.number().int(), links: LinksSchema })
  .openapi("ImportAccepted");

export const ImportSchema = z
  .object({
    id: z.string(),
    status: z.enum(["queued", "running", "done", "failed"]),
    format: z.enum(["ndjson", "csv"]),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    rows: z.number().int(),
    imported: z.number().int().openapi({ description: "Rows that created or changed a contact or added a consent event" }),
    unchanged: z.number().int().openapi({ description: "Valid rows with nothing new (a rerun)" }),
    rejected: z.number().int().openapi({ description: "Rows not written at all; each has errors" }),
    progress: z.object({
      chunks: z.number().int(),
      chunksDone: z.number().int(),
      chunksFailed: z.number().int().openapi({ description: "Chunks that failed after every retry: rerun the file" }),
      rowsProcessed: z.number().int(),
      percent: z.number().int(),
    }),
    errors: z.array(ImportErrorSchema).openapi({ description: "The first errors in file order; the rest at links.errors" }),
    nextErrorsCursor: z.string().nullable(),
    links: LinksSchema,
  })
  .openapi("Import");

export const ErrorsQuerySchema = z.object({
  cursor: z.string().regex(/^\d+\.\d+$/).optional().openapi({ description: "nextCursor from the previous page" }),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  format: z.enum(["json", "csv"]).optional().openapi({ description: "csv: every error at once, as a file" }),
});

export const ImportErrorsSchema = z
  .object({ errors: z.array(ImportErrorSchema), nextCursor: z.string().nullable() })
  .openapi("ImportErrors");
