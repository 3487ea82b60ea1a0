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
import { isUniqueViolation, type Database, type Sql } from "./database";

// Twin of src/store/d1/imports.ts: Prisma's model API for the upload's rows, raw SQL for a
// chunk's work (its reading, the facts it needs, its commit), the progress that sums over
// chunks and every transaction (./sql.ts).

const ALL_CLOSED = `NOT EXISTS (SELECT 1 FROM import_chunks WHERE import_id = $1 AND done_at IS NULL AND failed_at IS NULL)`;

/** An import with its counts summed over its chunks; callers add WHERE and GROUP BY i.id. */
const PROGRESS = `SELECT i.id, i.api_key_id AS "apiKeyId", i.format, i.header, i.rows, i.chunks, i.created_at AS "createdAt",
         i.finished_at AS "finishedAt", i.failed_at AS "failedAt", count(c.done_at)::int AS "chunksDone", count(c.failed_at)::int AS "chunksFailed",
         coalesce(sum(c.imported + c.unchanged + c.rejected), 0)::int AS "rowsProcessed", coalesce(sum(c.imported), 0)::int AS imported,
         coalesce(sum(c.unchanged), 0)::int AS unchanged, coalesce(sum(c.rejected), 0)::int AS rejected
       FROM imports i LEFT JOIN import_chunks c ON c.import_id = i.id`;
type ProgressRow = Omit<ImportProgress, "header"> & { header: string | null };

export class PgImportStore implements ImportStore {
  constructor(
    private readonly db: Database,
    private readonly hasher: AddressHasher,
  ) {}

  async create({ id, apiKeyId, format, header, createdAt }: ImportRecord) {
    await this.db.model.import.create({ data: { id, apiKeyId, format, header: header && JSON.stringify(header), rows: 0, chunks: 0, createdAt } });
  }

  async addChunk(importId: string, { seq, firstLine, lastLine, records }: ImportChunk) {
    await this.db.model.importChunk.create({ data: { importId, seq, firstLine, lastLine, rows: records.length, body: JSON.stringify(records) } });
  }

  async completeUpload(importId: string, { rows, chunks }: { rows: number; chunks: number }) {
    await this.db.model.import.update({ where: { id: importId }, data: { rows, chunks } });
  }

  async discard(importId: string) {
    await this.db.transaction(async (tx) => {
      await tx.run("DELETE FROM import_chunks WHERE import_id = $1", importId);
      await tx.run("DELETE FROM imports WHERE id = $1", importId);
    });
  }

  /** Nothing more of it is written, and the rows not written yet are dropped: they hold addresses. */
  async markFailed(importId: string) {
    const now = new Date().toISOString();
    await this.db.transaction(async (tx) => {
      await tx.run("UPDATE imports SET failed_at = $2, finished_at = $2 WHERE id = $1 AND failed_at IS NULL", importId, now);
      await tx.run("UPDATE import_chunks SET body = NULL WHERE import_id = $1 AND done_at IS NULL", importId);
    });
  }

  /** Raw, as the rest of a chunk's work: the Queue consumer then makes no Prisma client. */
  async openChunk(importId: string, seq: number) {
    const row = await this.db.first<Omit<ImportRecord, "header"> & { header: string | null; body: string | null }>(
      `SELECT i.id, i.api_key_id AS "apiKeyId", i.format, i.header, i.created_at AS "createdAt", c.body
       FROM import_chunks c JOIN imports i ON i.id = c.import_id
       WHERE c.import_id = $1 AND c.seq = $2 AND c.done_at IS NULL AND c.failed_at IS NULL AND i.failed_at IS NULL`,
      importId,
      seq,
    );
    if (!row?.body) return undefined;
    const { body, header, ...record } = row;
    return { import: { ...record, header: parseHeader(header) }, records: JSON.parse(body) as StoredRecord[] };
  }

  /** What planning a chunk needs to know (src/import/plan.ts): the contacts it names, erased addresses, hashes. */
  async readChunkFacts(rows: ImportRow[]): Promise<ChunkReading> {
    const hashes = await chunkAddressHashes(this.hasher, rows);
    const values = (field: IdentityField) => [...new Set(rows.flatMap((r) => r.contact[field] ?? []))];
    const [known, erased] = await Promise.all([
      this.db.all<KnownContact>(
        `SELECT id, external_id AS "externalId", email, phone, email_hash AS "emailHash", phone_hash AS "phoneHash", locale FROM contacts
         WHERE external_id = ANY($1::text[]) OR email = ANY($2::text[]) OR phone = ANY($3::text[])`,
        values("externalId"),
        values("email"),
        values("phone"),
      ),
      this.db.all<{ hash: string }>("SELECT address_hash AS hash FROM suppressions WHERE reason = 'erased' AND address_hash = ANY($1::text[])", [
        ...hashes.values(),
      ]),
    ]);
    return { known, erased: new Set(erased.map((r) => r.hash)), hashes };
  }

  async existingKeys(keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = await this.db.all<{ key: string }>("SELECT import_key AS key FROM consent_events WHERE import_key = ANY($1::text[])", keys);
    return new Set(rows.map((r) => r.key));
  }

  async commitChunk(importId: string, seq: number, plan: ChunkPlan) {
    try {
      return { outcome: await this.db.transaction((tx) => this.commit(tx, importId, seq, plan)) };
    } catch (error) {
      // Another chunk created one of these contacts meanwhile: the caller plans again.
      if (isUniqueViolation(error)) return { raced: true as const };
      throw error;
    }
  }

  /**
   * One transaction: the chunk's row is taken first and must be open (a redelivery writes
   * nothing), then the contacts it names, in id order (no deadlock with a chunk naming the
   * same people, and no erasure passes between reading and writing them); new and changed
   * contacts, new events (the trigger moves their state), the chunk's outcome.
   */
  private async commit(tx: Sql, importId: string, seq: number, { contacts, events: planned, outcome, errors }: ChunkPlan) {
    const open = await tx.first(
      "SELECT 1 AS found FROM import_chunks WHERE import_id = $1 AND seq = $2 AND done_at IS NULL AND failed_at IS NULL FOR UPDATE",
      importId,
      seq,
    );
    if (!open) return undefined;
    const now = new Date().toISOString();
    const events = planned.map((e) => notAfterReceipt(e, now));
    const json = (list: PlannedContact[]) =>
      JSON.stringify(list.map(({ id, externalId, email, phone, emailHash, phoneHash, locale }) => ({ id, externalId, email, phone, emailHash, phoneHash, locale })));
    const named = [...new Set([...contacts.filter((c) => !c.isNew).map((c) => c.id), ...events.map((e) => e.contactId)])];
    await tx.run("SELECT 1 FROM contacts WHERE id = ANY($1::text[]) ORDER BY id COLLATE \"C\" FOR UPDATE", named);
    await tx.run(
      `INSERT INTO contacts (id, external_id, email, phone, email_hash, phone_hash, locale, created_at, updated_at)
       SELECT v->>'id', v->>'externalId', v->>'email', v->>'phone', v->>'emailHash', v->>'phoneHash', v->>'locale', $2, $2
       FROM jsonb_array_elements($1::jsonb) AS v`,
      json(contacts.filter((c) => c.isNew)),
      now,
    );
    await tx.run(
      `UPDATE contacts SET external_id = u.v->>'externalId', email = u.v->>'email', phone = u.v->>'phone',
         email_hash = u.v->>'emailHash', phone_hash = u.v->>'phoneHash', locale = u.v->>'locale', updated_at = $2
       FROM jsonb_array_elements($1::jsonb) AS u(v)
       WHERE contacts.id = u.v->>'id' AND contacts.erased_at IS NULL`,
      json(contacts.filter((c) => !c.isNew && c.changed)),
      now,
    );
    // Not appendEvent: one statement inserts many contacts' events, once per import key.
    await tx.run(
      `INSERT INTO consent_events (id, contact_id, topic, channel, status, source, occurred_at, recorded_at, policy_version,
         locale, actor, evidence, import_key)
       SELECT v->>'id', v->>'contactId', v->>'topic', v->>'channel', v->>'status', v->>'source', v->>'occurredAt', $2,
         v->>'policyVersion', v->>'locale', v->>'actor', (v->'evidence')::text, v->>'key'
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(v, n)
       WHERE EXISTS (SELECT 1 FROM contacts c WHERE c.id = v->>'contactId' AND c.erased_at IS NULL)
       ORDER BY e.n
       ON CONFLICT (import_key) DO NOTHING`,
      JSON.stringify(events),
      now,
    );
    await tx.run(
      `UPDATE import_chunks SET done_at = $3, body = NULL, imported = $4, unchanged = $5, rejected = $6, errors = $7
       WHERE import_id = $1 AND seq = $2`,
      importId,
      seq,
      now,
      outcome.imported,
      outcome.unchanged,
      outcome.rejected,
      JSON.stringify(errors),
    );
    await this.finishIfClosed(tx, importId, now);
    return outcome;
  }

  private finishIfClosed(tx: Sql, importId: string, now: string) {
    return tx.run(`UPDATE imports SET finished_at = $2 WHERE id = $1 AND finished_at IS NULL AND ${ALL_CLOSED}`, importId, now);
  }

  async failChunk(importId: string, seq: number) {
    const now = new Date().toISOString();
    await this.db.transaction(async (tx) => {
      await tx.run("UPDATE import_chunks SET failed_at = $3, body = NULL WHERE import_id = $1 AND seq = $2 AND done_at IS NULL", importId, seq, now);
      await this.finishIfClosed(tx, importId, now);
    });
  }

  async progress(importId: string): Promise<ImportProgress | undefined> {
    const row = await this.db.first<ProgressRow>(`${PROGRESS} WHERE i.id = $1 GROUP BY i.id`, importId);
    return row ? { ...row, header: parseHeader(row.header) } : undefined;
  }

  async recent(limit: number): Promise<ImportProgress[]> {
    const rows = await this.db.all<ProgressRow>(
      `${PROGRESS} WHERE i.id IN (SELECT id FROM imports ORDER BY created_at DESC, id DESC LIMIT $1) GROUP BY i.id ORDER BY i.created_at DESC, i.id DESC`,
      limit,
    );
    return rows.map((row) => ({ ...row, header: parseHeader(row.header) }));
  }

  async errors(importId: string, after: string | undefined, limit: number) {
    const [seq, n] = after?.split(".").map(Number) ?? [-1, -1];
    // Each chunk's errors are a JSON array; n counts from 0, as D1's json_each keys do.
    const rows = await this.db.all<{ seq: number; n: number; error: unknown }>(
      `SELECT c.seq, (e.n - 1)::int AS n, e.error FROM import_chunks c, jsonb_array_elements(c.errors::jsonb) WITH ORDINALITY AS e(error, n)
       WHERE c.import_id = $1 AND (c.seq > $2 OR (c.seq = $2 AND e.n - 1 > $3)) ORDER BY c.seq, e.n LIMIT $4`,
      importId,
      seq,
      n,
      limit + 1,
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      errors: page.map((r) => r.error as ImportError),
      next: rows.length > limit && last ? `${last.seq}.${last.n}` : null,
    };
  }
}
