import type { IdentityField } from "../../consent/identity";
import { notAfterReceipt } from "../../consent/occurred-at";
import type { AddressHasher } from "../../crypto/address-hash";
import type {
  ChunkPlan,
  ChunkReading,
  ImportChunk,
  ImportError,
  ImportProgress,
  ImportRecord,
  ImportRow,
  ImportStore,
  KnownContact,
  PlannedContact,
  StoredRecord,
} from "../import-types";
import { chunkAddressHashes } from "../lookups";
import { parseHeader } from "../rows";

/** Every statement that writes a chunk runs only while the chunk (?1, ?2) is open: a redelivery writes nothing. */
const CHUNK_OPEN = `EXISTS (SELECT 1 FROM import_chunks WHERE import_id = ?1 AND seq = ?2 AND done_at IS NULL AND failed_at IS NULL)`;
const ALL_CLOSED = `NOT EXISTS (SELECT 1 FROM import_chunks WHERE import_id = ?1 AND done_at IS NULL AND failed_at IS NULL)`;

/** An import with its counts summed over its chunks; callers add WHERE and GROUP BY i.id. */
const PROGRESS = `SELECT i.id, i.api_key_id AS "apiKeyId", i.format, i.header, i.rows, i.chunks, i.created_at AS "createdAt",
           i.finished_at AS "finishedAt", i.failed_at AS "failedAt", count(c.done_at) AS "chunksDone", count(c.failed_at) AS "chunksFailed",
           coalesce(sum(c.imported + c.unchanged + c.rejected), 0) AS "rowsProcessed", coalesce(sum(c.imported), 0) AS imported,
           coalesce(sum(c.unchanged), 0) AS unchanged, coalesce(sum(c.rejected), 0) AS rejected
         FROM imports i LEFT JOIN import_chunks c ON c.import_id = i.id`;
type ProgressRow = Omit<ImportProgress, "header"> & { header: string | null };

export class D1ImportStore implements ImportStore {
  constructor(
    private readonly db: D1Database,
    private readonly hasher: AddressHasher,
  ) {}

  async create({ id, apiKeyId, format, header, createdAt }: ImportRecord) {
    await this.db
      .prepare("INSERT INTO imports (id, api_key_id, format, header, rows, chunks, created_at) VALUES (?1, ?2, ?3, ?4, 0, 0, ?5)")
      .bind(id, apiKeyId, format, header && JSON.stringify(header), createdAt)
      .run();
  }

  async addChunk(importId: string, { seq, firstLine, lastLine, records }: ImportChunk) {
    await this.db
      .prepare("INSERT INTO import_chunks (import_id, seq, first_line, last_line, rows, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
      .bind(importId, seq, firstLine, lastLine, records.length, JSON.stringify(records))
      .run();
  }

  async completeUpload(importId: string, { rows, chunks }: { rows: number; chunks: number }) {
    await this.db.prepare("UPDATE imports SET rows = ?2, chunks = ?3 WHERE id = ?1").bind(importId, rows, chunks).run();
  }

  async discard(importId: string) {
    await this.db.batch([
      this.db.prepare("DELETE FROM import_chunks WHERE import_id = ?1").bind(importId),
      this.db.prepare("DELETE FROM imports WHERE id = ?1").bind(importId),
    ]);
  }

  /** Nothing more of it is written, and the rows not written yet are dropped: they hold addresses. */
  async markFailed(importId: string) {
    const now = new Date().toISOString();
    await this.db.batch([
      this.db.prepare("UPDATE imports SET failed_at = ?2, finished_at = ?2 WHERE id = ?1 AND failed_at IS NULL").bind(importId, now),
      this.db.prepare("UPDATE import_chunks SET body = NULL WHERE import_id = ?1 AND done_at IS NULL").bind(importId),
    ]);
  }

  async openChunk(importId: string, seq: number) {
    const row = await this.db
      .prepare(
        `SELECT i.id, i.api_key_id AS "apiKeyId", i.format, i.header, i.created_at AS "createdAt", c.body
         FROM import_chunks c JOIN imports i ON i.id = c.import_id
         WHERE c.import_id = ?1 AND c.seq = ?2 AND c.done_at IS NULL AND c.failed_at IS NULL AND i.failed_at IS NULL`,
      )
      .bind(importId, seq)
      .first<Omit<ImportRecord, "header"> & { header: string | null; body: string }>();
    if (!row) return undefined;
    const { body, header, ...record } = row;
    return { import: { ...record, header: parseHeader(header) }, records: JSON.parse(body) as StoredRecord[] };
  }

  /** What planning a chunk needs to know (src/import/plan.ts): the contacts it names, erased addresses, hashes. */
  async readChunkFacts(rows: ImportRow[]): Promise<ChunkReading> {
    const hashes = await chunkAddressHashes(this.hasher, rows);
    return { ...(await this.readKnown(rows, hashes)), hashes };
  }

  async commitChunk(importId: string, seq: number, plan: ChunkPlan) {
    try {
      return { outcome: await this.commit(importId, seq, plan) };
    } catch (error) {
      // Another chunk created one of these contacts meanwhile: the caller plans again.
      if (String(error).includes("UNIQUE constraint failed")) return { raced: true as const };
      throw error;
    }
  }

  /** The contacts the chunk's identifiers name, and which of its address hashes are erased. */
  private async readKnown(rows: ImportRow[], hashes: Map<string, string>) {
    const values = (field: IdentityField) => JSON.stringify([...new Set(rows.flatMap((r) => r.contact[field] ?? []))]);
    const [known, erased] = await this.db.batch([
      this.db
        .prepare(
          `SELECT id, external_id AS "externalId", email, phone, email_hash AS "emailHash", phone_hash AS "phoneHash", locale FROM contacts
           WHERE external_id IN (SELECT value FROM json_each(?1)) OR email IN (SELECT value FROM json_each(?2))
              OR phone IN (SELECT value FROM json_each(?3))`,
        )
        .bind(values("externalId"), values("email"), values("phone")),
      this.db
        .prepare("SELECT address_hash AS hash FROM suppressions WHERE reason = 'erased' AND address_hash IN (SELECT value FROM json_each(?1))")
        .bind(JSON.stringify([...hashes.values()])),
    ]);
    return { known: known!.results as KnownContact[], erased: new Set((erased!.results as { hash: string }[]).map((r) => r.hash)) };
  }

  async existingKeys(keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const { results } = await this.db
      .prepare("SELECT import_key AS key FROM consent_events WHERE import_key IN (SELECT value FROM json_each(?1))")
      .bind(JSON.stringify(keys))
      .all<{ key: string }>();
    return new Set(results.map((r) => r.key));
  }

  /** One D1 batch, one transaction: new and changed contacts, new events (the trigger moves their state), the chunk's outcome. */
  private async commit(importId: string, seq: number, { contacts, events: planned, outcome, errors }: ChunkPlan) {
    const now = new Date().toISOString();
    const events = planned.map((e) => notAfterReceipt(e, now));
    const json = (list: PlannedContact[]) =>
      JSON.stringify(list.map(({ id, externalId, email, phone, emailHash, phoneHash, locale }) => ({ id, externalId, email, phone, emailHash, phoneHash, locale })));
    const inserts = contacts.filter((c) => c.isNew);
    const updates = contacts.filter((c) => !c.isNew && c.changed);
    const statements = [
      this.db
        .prepare(
          `INSERT INTO contacts (id, external_id, email, phone, email_hash, phone_hash, locale, created_at, updated_at)
           SELECT v->>'id', v->>'externalId', v->>'email', v->>'phone', v->>'emailHash', v->>'phoneHash', v->>'locale', ?4, ?4
           FROM (SELECT value AS v FROM json_each(?3)) WHERE ${CHUNK_OPEN}`,
        )
        .bind(importId, seq, json(inserts), now),
      this.db
        .prepare(
          `UPDATE contacts SET external_id = u.v->>'externalId', email = u.v->>'email', phone = u.v->>'phone',
             email_hash = u.v->>'emailHash', phone_hash = u.v->>'phoneHash', locale = u.v->>'locale', updated_at = ?4
           FROM (SELECT value AS v FROM json_each(?3)) AS u
           WHERE contacts.id = u.v->>'id' AND contacts.erased_at IS NULL AND ${CHUNK_OPEN}`,
        )
        .bind(importId, seq, json(updates), now),
      // Not appendEvent: one statement inserts many contacts' events from a JSON array, once per import key.
      ...jsonSlices(events).map((slice) =>
        this.db
          .prepare(
            `INSERT INTO consent_events (id, contact_id, topic, channel, status, source, occurred_at, recorded_at, policy_version,
               locale, actor, evidence, import_key)
             SELECT v->>'id', v->>'contactId', v->>'topic', v->>'channel', v->>'status', v->>'source', v->>'occurredAt', ?4,
               v->>'policyVersion', v->>'locale', v->>'actor', v->'evidence', v->>'key'
             FROM (SELECT value AS v FROM json_each(?3))
             WHERE ${CHUNK_OPEN} AND EXISTS (SELECT 1 FROM contacts c WHERE c.id = v->>'contactId' AND c.erased_at IS NULL)
             ON CONFLICT (import_key) DO NOTHING`,
          )
          .bind(importId, seq, slice, now),
      ),
      this.db
        .prepare(
          `UPDATE import_chunks SET done_at = ?3, body = NULL, imported = ?4, unchanged = ?5, rejected = ?6, errors = ?7
           WHERE import_id = ?1 AND seq = ?2 AND done_at IS NULL AND failed_at IS NULL`,
        )
        .bind(importId, seq, now, outcome.imported, outcome.unchanged, outcome.rejected, JSON.stringify(errors)),
      this.finishIfClosed(importId, now),
    ];
    const results = await this.db.batch(statements);
    return results.at(-2)!.meta.changes > 0 ? outcome : undefined;
  }

  private finishIfClosed(importId: string, now: string) {
    return this.db
      .prepare(`UPDATE imports SET finished_at = ?2 WHERE id = ?1 AND finished_at IS NULL AND ${ALL_CLOSED}`)
      .bind(importId, now);
  }

  async failChunk(importId: string, seq: number) {
    const now = new Date().toISOString();
    await this.db.batch([
      this.db
        .prepare("UPDATE import_chunks SET failed_at = ?3, body = NULL WHERE import_id = ?1 AND seq = ?2 AND done_at IS NULL")
        .bind(importId, seq, now),
      this.finishIfClosed(importId, now),
    ]);
  }

  async progress(importId: string): Promise<ImportProgress | undefined> {
    const row = await this.db.prepare(`${PROGRESS} WHERE i.id = ?1 GROUP BY i.id`).bind(importId).first<ProgressRow>();
    return row ? { ...row, header: parseHeader(row.header) } : undefined;
  }

  async recent(limit: number): Promise<ImportProgress[]> {
    const { results } = await this.db
      .prepare(`${PROGRESS} WHERE i.id IN (SELECT id FROM imports ORDER BY created_at DESC, id DESC LIMIT ?1) GROUP BY i.id ORDER BY i.created_at DESC, i.id DESC`)
      .bind(limit)
      .all<ProgressRow>();
    return results.map((row) => ({ ...row, header: parseHeader(row.header) }));
  }

  async errors(importId: string, after: string | undefined, limit: number) {
    const [seq, n] = after?.split(".").map(Number) ?? [-1, -1];
    const { results } = await this.db
      .prepare(
        `SELECT c.seq, e.key AS n, e.value AS error FROM import_chunks c, json_each(c.errors) e
         WHERE c.import_id = ?1 AND (c.seq > ?2 OR (c.seq = ?2 AND e.key > ?3)) ORDER BY c.seq, e.key LIMIT ?4`,
      )
      .bind(importId, seq, n, limit + 1)
      .all<{ seq: number; n: number; error: string }>();
    const page = results.slice(0, limit);
    const last = page.at(-1);
    return {
      errors: page.map((r) => JSON.parse(r.error) as ImportError),
      next: results.length > limit && last ? `${last.seq}.${last.n}` : null,
    };
  }
}

/** JSON arrays of at most ~1 MB each: D1 binds at most 2 MB in one value. */
function jsonSlices(items: object[], maxChars = 1_000_000): string[] {
  const slices: string[] = [];
  let part: string[] = [];
  let size = 0;
  for (const item of items) {
    const json = JSON.stringify(item);
    if (part.length && size + json.length > maxChars) {
      slices.push(`[${part.join(",")}]`);
      [part, size] = [[], 0];
    }
    part.push(json);
    size += json.length + 1;
  }
  if (part.length) slices.push(`[${part.join(",")}]`);
  return slices;
}
