// The SQL that prisma/schema.prisma describes, from Prisma's own schema engine (its
// WASM build: the native engine cannot be downloaded here). Used by `npm run db:sql`
// and by the drift tests, for SQLite (D1) and for PostgreSQL.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { SchemaEngine } from "@prisma/schema-engine-wasm";
import { PrismaLibSql } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

export const schemaPath = fileURLToPath(new URL("../../prisma/schema.prisma", import.meta.url));

async function diffFromEmpty(content, adapterFactory) {
  const files = [{ path: schemaPath, content }];
  const adapter = bindMigrationAwareSqlAdapterFactory(adapterFactory);
  const engine = await SchemaEngine.new({ datamodels: [[schemaPath, content]] }, () => {}, adapter);
  const result = await engine.diff({
    from: { tag: "empty" },
    to: { tag: "schemaDatamodel", files },
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  return result.stdout ?? "";
}

/** SQL that creates, in an empty SQLite database, every table and index of the schema. */
export async function schemaToSql() {
  return diffFromEmpty(await readFile(schemaPath, "utf8"), new PrismaLibSql({ url: ":memory:" }));
}

/**
 * The same for PostgreSQL. The schema's datasource says sqlite (D1 is the default store), so
 * the provider is swapped in memory; the engine needs a server to talk to (it writes nothing).
 */
export async function schemaToPostgresSql(connectionString) {
  const schema = await readFile(schemaPath, "utf8");
  const content = schema.replace(/(datasource db \{\s*provider\s*=\s*)"sqlite"/, '$1"postgresql"');
  if (content === schema) throw new Error("schema.prisma: no sqlite datasource provider to swap");
  return diffFromEmpty(content, new PrismaPg({ connectionString }));
}
