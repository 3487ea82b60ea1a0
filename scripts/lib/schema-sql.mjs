// The SQL that prisma/schema.prisma describes, from Prisma's own schema engine (its
// WASM build: the native engine cannot be downloaded here). Used by `npm run db:sql`
// and by the drift test.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { SchemaEngine } from "@prisma/schema-engine-wasm";
import { PrismaLibSql } from "@prisma/adapter-libsql";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

export const schemaPath = fileURLToPath(new URL("../../prisma/schema.prisma", import.meta.url));

/** SQL that creates, in an empty SQLite database, every table and index of the schema. */
export async function schemaToSql() {
  const content = await readFile(schemaPath, "utf8");
  const files = [{ path: schemaPath, content }];
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaLibSql({ url: ":memory:" }));
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
