import { Hono, type Context } from "hono";
import { CHANNELS } from "../../../consent/channels";
import type { SuppressionCursor, SuppressionEntry } from "../../../store";
import type { AppEnv } from "../../context";
import { toCsv } from "../../csv";
import { SuppressionsPage } from "../../pages/console/suppressions";
import { pageLocaleOf } from "../../pages/request";
import { forbiddenPage, localOffsetOf, pageLimit, requirePageScope } from "./guard";
import { may } from "./session";

/** Rows read per query while an export streams. */
const EXPORT_CHUNK = 1000;

/**
 * /admin/suppressions: counts, a page of keyed hashes, and CSV exports. There is no /v1
 * resource for suppressions; the page needs send-checks:read (what a send check's record
 * says: who may not be sent to, without saying who), and an export with addresses needs
 * contacts:read as well, the scope under which /v1 shows a contact's addresses.
 */
export const suppressionRoutes = new Hono<AppEnv>()
  .use("*", requirePageScope("send-checks:read", "suppressions"))
  .get("/", async (c) => {
    const given = c.req.query("cursor");
    const cursor = given === undefined ? undefined : decodeCursor(given);
    const limit = pageLimit().safeParse(c.req.query("limit"));
    const problem = cursor === null ? "badCursor" : !limit.success ? "badLimit" : undefined;
    const [counts, page] = await Promise.all([
      c.var.store.countSuppressions(),
      problem || !limit.success ? [] : c.var.store.listSuppressions({ after: cursor ?? undefined, limit: limit.data + 1, withAddresses: false }),
    ]);
    const size = limit.data ?? 0;
    const entries = page.slice(0, size);
    const next = page.length > size ? encodeCursor(entries.at(-1)!) : null;
    const asked = c.req.query("limit") && limit.success ? limit.data : undefined;
    const props = { counts, entries, next, limit: asked, offset: localOffsetOf(c), mayExportAddresses: may(c, "contacts:read") };
    return c.html(<SuppressionsPage locale={pageLocaleOf(c)} {...props} problem={problem} />, problem ? 400 : 200);
  })
  // Hashes only: a plain download link.
  .get("/export.csv", (c) => exportCsv(c, false))
  // Addresses: a POST form, never a link that a prefetch, a history entry or another page could open.
  .post("/export", (c) => (may(c, "contacts:read") ? exportCsv(c, true) : forbiddenPage(c, "contacts:read", "suppressions")));


/** Every suppression, newest first, streamed a chunk at a time. */
function exportCsv(c: Context<AppEnv>, withAddresses: boolean) {
  const store = c.var.store;
  const header = ["address_hash", "channel", "reason", "created_at", ...(withAddresses ? ["address"] : [])];
  const encoder = new TextEncoder();
  let after: SuppressionCursor | undefined;
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const rows = await store.listSuppressions({ after, limit: EXPORT_CHUNK, withAddresses });
      const cells = rows.map((s) => [s.addressHash, s.channel, s.reason, s.createdAt, ...(withAddresses ? [s.address ?? null] : [])]);
      // toCsv writes the header first: kept for the first chunk only.
      const text = toCsv(header, cells);
      controller.enqueue(encoder.encode(started ? text.slice(text.indexOf("\r\n") + 2) : text));
      started = true;
      if (rows.length < EXPORT_CHUNK) controller.close();
      else after = rows.at(-1)!;
    },
  });
  const name = `suppressions-${withAddresses ? "addresses" : "hashes"}-${new Date().toISOString().slice(0, 10)}.csv`;
  return c.body(body, 200, {
    "Content-Type": "text/csv; charset=utf-8; header=present",
    "Content-Disposition": `attachment; filename="${name}"`,
  });
}

/** The last entry's order key, as an opaque URL-safe cursor (a hash, a time and a channel; never an address). */
function encodeCursor(entry: SuppressionEntry): string {
  return btoa(JSON.stringify([entry.createdAt, entry.addressHash, entry.channel])).replaceAll("+", "-").replaceAll("/", "_").replaceAll("=", "");
}

/** The cursor back, or null when it is not one this page made. */
function decodeCursor(cursor: string): SuppressionCursor | null {
  try {
    if (cursor.length > 200) return null;
    const value: unknown = JSON.parse(atob(cursor.replaceAll("-", "+").replaceAll("_", "/")));
    if (!Array.isArray(value) || value.length !== 3) return null;
    const [createdAt, addressHash, channel] = value as unknown[];
    const ok =
      typeof createdAt === "string" &&
      !Number.isNaN(Date.parse(createdAt)) &&
      typeof addressHash === "string" &&
      /^[0-9a-f]{64}$/.test(addressHash) &&
      typeof channel === "string" &&
      (channel === "*" || (CHANNELS as readonly string[]).includes(channel));
    return ok ? { createdAt, addressHash, channel } : null;
  } catch {
    return null;
  }
}
