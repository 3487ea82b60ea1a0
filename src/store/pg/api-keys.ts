import { API_KEY_COLUMNS, toApiKey, type ApiKeyRow } from "../rows";
import type { ApiKeyRecord } from "../types";
import type { Database } from "./database";

// Twins of src/store/d1/api-keys.ts: the raw lookup on every request, Prisma's model API for the rest.

export async function findApiKeyByHash(db: Database, hash: string): Promise<ApiKeyRecord | undefined> {
  const row = await db.first<ApiKeyRow>(`SELECT ${API_KEY_COLUMNS} FROM api_keys WHERE hash = $1`, hash);
  return row && toApiKey(row);
}

export async function createApiKey(db: Database, record: ApiKeyRecord & { hash: string }): Promise<void> {
  await db.prisma().apiKey.create({ data: { ...record, scopes: record.scopes.join(" ") } });
}

export async function listApiKeys(db: Database): Promise<ApiKeyRecord[]> {
  const rows = await db.prisma().apiKey.findMany({ orderBy: { createdAt: "asc" } });
  return rows.map(toApiKey);
}

export async function revokeApiKey(db: Database, id: string, at: string): Promise<ApiKeyRecord | undefined> {
  // One statement: revoking twice keeps the first revocation time.
  await db.prisma().apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } });
  const row = await db.prisma().apiKey.findUnique({ where: { id } });
  return row ? toApiKey(row) : undefined;
}
