import type { ImportFormat } from "../store";

/** The media types an import file may be sent as (docs/import.md). */
const BY_MEDIA_TYPE: Record<string, ImportFormat> = { "application/x-ndjson": "ndjson", "application/jsonl": "ndjson", "text/csv": "csv" };
/** Browsers name a file part's type from its extension, and know none for NDJSON: the console also reads the name. */
const BY_EXTENSION: Record<string, ImportFormat> = { csv: "csv", ndjson: "ndjson", jsonl: "ndjson" };

/** The format of a file sent as this media type (parameters and case aside), if it is one. */
export function formatOfMediaType(contentType: string): ImportFormat | undefined {
  return BY_MEDIA_TYPE[contentType.split(";")[0]!.trim().toLowerCase()];
}

/** An uploaded file's format: by its media type as /v1 takes it, else by its name's extension. */
export function formatOfFile(contentType: string, filename: string): ImportFormat | undefined {
  return formatOfMediaType(contentType) ?? BY_EXTENSION[/\.(\w+)$/.exec(filename)?.[1]?.toLowerCase() ?? ""];
}
