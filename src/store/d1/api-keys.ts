import { API_KEY_COLUMNS, toApiKey, type ApiKeyRow } from "../rows";
import type { ApiKeyRecord } from "../types";

// Twins of src/store/pg/api-keys.ts.

export async function findApiKeyByHash(db: D1Database, hash: string): Promise<ApiKeyRecord | undefined> {
  const row = await db.prepare(`SELECT ${API_KEY_COLUMNS} FROM api_keys WHERE hash = ?1`).bind(hash).first<ApiKeyRow>();
  return row ? toApiKey(row) : undefined;
}

export async function createApiKey(db: D1Database, record: ApiKeyRecord & { hash: string }): Promise<void> {
  await db
    .prepare("INSERT INTO api_keys (id, name, prefix, hash, scopes, created_at, created_by, revoked_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
    .bind(record.id, record.name, record.prefix, record.hash, record.scopes.join(" "), record.createdAt, record.createdBy, record.revokedAt)
    .run();
}

export async function listApiKeys(db: D1Database): Promise<ApiKeyRecord[]> {
  const { results } = await db.prepare(`SELECT ${API_KEY_COLUMNS} FROM api_keys ORDER BY created_at`).all<ApiKeyRow>();
  return results.map(toApiKey);
}

/** One statement: revoking twice keeps the first revocation time. */
export async function revokeApiKey(db: D1Database, id: string, at: string): Promise<ApiKeyRecord | undefined> {
  const [, row] = await db.batch<ApiKeyRow>([
    db.prepare("UPDATE api_keys SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL").bind(id, at),
    db.prepare(`SELECT ${API_KEY_COLUMNS} FROM api_keys WHERE id = ?1`).bind(id),
  ]);
  const found = row!.results[0];
  return found ? toApiKey(found) : undefined;
}
