import { API_KEY_COLUMNS, toApiKey, type ApiKeyRow } from "../rows";
import type { ApiKeyRecord } from "../types";
import type { Database } from "./database";

// Twins of src/store/d1/api-keys.ts: the lookup raw, as every request with a stored key not
// yet verified in this isolate makes it (src/http/verified-keys.ts); the rest in Prisma's model API.

export async function findApiKeyByHash(db: Database, hash: string): Promise<ApiKeyRecord | undefined> {
  const row = await db.first<ApiKeyRow>(`SELECT ${API_KEY_COLUMNS} FROM api_keys WHERE hash = $1`, hash);
  return row ? toApiKey(row) : undefined;
}

export async function createApiKey(db: Database, record: ApiKeyRecord & { hash: string }): Promise<void> {
  await db.model.apiKey.create({ data: { ...record, scopes: record.scopes.join(" ") } });
}

export async function listApiKeys(db: Database): Promise<ApiKeyRecord[]> {
  const rows = await db.model.apiKey.findMany({ orderBy: { createdAt: "asc" } });
  return rows.map(toApiKey);
}

/** Revoking twice keeps the first revocation time. */
export async function revokeApiKey(db: Database, id: string, at: string): Promise<ApiKeyRecord | undefined> {
  await db.model.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } });
  const row = await db.model.apiKey.findUnique({ where: { id } });
  return row ? toApiKey(row) : undefined;
}
