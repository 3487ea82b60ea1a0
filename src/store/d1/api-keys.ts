import { API_KEY_COLUMNS, toApiKey, type ApiKeyRow } from "../rows";
import type { ApiKeyRecord } from "../types";
import type { PrismaClient } from "./prisma";

/** On every authenticated request, so raw D1 rather than Prisma's per-request client. */
export async function findApiKeyByHash(db: D1Database, hash: string): Promise<ApiKeyRecord | undefined> {
  const row = await db
    .prepare(
`SELECT ${API_KEY_COLUMNS} FROM api_keys WHERE hash = ?1`,
    )
    .bind(hash)
    .first<ApiKeyRow>();
  return row ? toApiKey(row) : undefined;
}

export async function createApiKey(prisma: PrismaClient, record: ApiKeyRecord & { hash: string }): Promise<void> {
  await prisma.apiKey.create({ data: { ...record, scopes: record.scopes.join(" ") } });
}

export async function listApiKeys(prisma: PrismaClient): Promise<ApiKeyRecord[]> {
  const rows = await prisma.apiKey.findMany({ orderBy: { createdAt: "asc" } });
  return rows.map(toApiKey);
}

export async function revokeApiKey(prisma: PrismaClient, id: string, at: string): Promise<ApiKeyRecord | undefined> {
  // One statement: revoking twice keeps the first revocation time.
  await prisma.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } });
  const row = await prisma.apiKey.findUnique({ where: { id } });
  return row ? toApiKey(row) : undefined;
}
