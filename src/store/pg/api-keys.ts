import { toApiKey } from "../rows";
import type { ApiKeyRecord } from "../types";
import type { Database } from "./database";

// Twins of src/store/d1/api-keys.ts, in Prisma's model API.

export async function findApiKeyByHash(db: Database, hash: string): Promise<ApiKeyRecord | undefined> {
  const row = await db.model.apiKey.findUnique({ where: { hash } });
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
