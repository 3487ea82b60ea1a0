import { createClient, type Client } from "@libsql/client";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { schemaToSql } from "../../scripts/lib/schema-sql.mjs";

// The migrations are what wrangler applies; prisma/schema.prisma is what Prisma's client
// believes. This builds one SQLite database from each and compares their tables, columns,
// indexes and foreign keys. Triggers and partial indexes exist only in the migrations: Prisma
// cannot express them, so the partial ones are held to a list here instead.

/** The partial indexes of the migrations (0022), by name. */
const PARTIAL_INDEXES = ["consent_events_pending_idx", "contacts_email_hash_idx", "contacts_phone_hash_idx"];

const MIGRATIONS = join(import.meta.dirname, "../../prisma/migrations");
const clients: Client[] = [];

async function databaseFrom(sql: string[]): Promise<Client> {
  const db = createClient({ url: ":memory:" });
  clients.push(db);
  for (const script of sql) await db.executeMultiple(script);
  return db;
}

/** The tables' shapes; `partial` collects the partial indexes' names, which the shape leaves out. */
async function shape(db: Client, partial: string[] = []) {
  const tables = await db.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('d1_migrations', '_cf_KV') ORDER BY name",
  );
  const result: Record<string, unknown> = {};
  for (const { name } of tables.rows as unknown as { name: string }[]) {
    const columns = await db.execute(`PRAGMA table_info("${name}")`);
    const indexes = await db.execute(`PRAGMA index_list("${name}")`);
    const foreignKeys = await db.execute(`PRAGMA foreign_key_list("${name}")`);
    const indexShapes = [];
    for (const index of indexes.rows as unknown as { name: string; unique: number; origin: string; partial: number }[]) {
      if (index.partial) {
        partial.push(index.name);
        continue;
      }
      const columnsOf = await db.execute(`PRAGMA index_info("${index.name}")`);
      indexShapes.push({
        name: index.origin === "pk" ? "(primary key)" : index.name,
        unique: index.unique,
        columns: columnsOf.rows.map((r) => r.name),
      });
    }
    result[name] = {
      columns: columns.rows.map((c) => ({ name: c.name, type: c.type, notnull: c.notnull, default: c.dflt_value, pk: c.pk })),
      indexes: indexShapes.sort((a, b) => a.name.localeCompare(b.name)),
      foreignKeys: foreignKeys.rows.map((f) => ({ table: f.table, from: f.from, to: f.to, onDelete: f.on_delete })),
    };
  }
  return result;
}

describe("schema drift", () => {
  afterAll(() => clients.forEach((c) => c.close()));

  it("the migrations build exactly the tables, columns and indexes of prisma/schema.prisma", async () => {
    const files = (await readdir(MIGRATIONS)).filter((f) => f.endsWith(".sql")).sort();
    expect(files.length).toBeGreaterThan(0);
    const migrations = await Promise.all(files.map((f) => readFile(join(MIGRATIONS, f), "utf8")));
    const partial: string[] = [];
    const fromMigrations = await shape(await databaseFrom(migrations), partial);
    const fromSchema = await shape(await databaseFrom([await schemaToSql()]));
    expect(fromMigrations).toEqual(fromSchema);
    expect(partial.sort()).toEqual(PARTIAL_INDEXES);
  });
});
