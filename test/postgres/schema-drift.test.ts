import { createClient } from "@libsql/client";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { migratePostgres } from "../../scripts/lib/pg-migrate.mjs";
import { schemaToPostgresSql } from "../../scripts/lib/schema-sql.mjs";
import { connect, createDatabase } from "./database";

// prisma/pg-migrations is what PostgreSQL gets; prisma/schema.prisma is what Prisma's client
// believes; prisma/migrations is what D1 gets. This builds one PostgreSQL database from the
// SQL Prisma's schema engine derives from the schema and one with the migration runner, and
// compares their catalogs; then it holds the PostgreSQL shape against D1's.

const D1_MIGRATIONS = join(import.meta.dirname, "../../prisma/migrations");
const RUNNER_TABLE = "_pg_migrations";
/** What Prisma's schema cannot say: the partial indexes, D1's by the same names (0014). */
const PARTIAL_INDEXES = ["consent_events_pending_idx", "contacts_email_hash_idx", "contacts_phone_hash_idx"];

/** The D1 trigger names, which PostgreSQL keeps, plus what only PostgreSQL needs. */
const POSTGRES_ONLY_TRIGGERS = ["consent_events_no_truncate", "erasures_no_truncate"];

async function shape(db: pg.Client) {
  const rows = async (sql: string) => (await db.query(sql, [RUNNER_TABLE])).rows;
  return {
    tables: (await rows("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> $1 ORDER BY 1")).map((r) => r.tablename),
    columns: await rows(`SELECT table_name, ordinal_position, column_name, data_type, is_nullable, column_default
      FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> $1 ORDER BY 1, 2`),
    indexes: await rows("SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> $1 ORDER BY 1, 2"),
    constraints: await rows(`SELECT conrelid::regclass::text AS "table", conname, contype, pg_get_constraintdef(oid) AS definition
      FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> $1 ORDER BY 1, 2`),
  };
}

async function triggers(db: pg.Client): Promise<string[]> {
  const { rows } = await db.query("SELECT DISTINCT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1");
  return rows.map((r) => r.tgname);
}

/** D1's shape after every migration: columns (name, mapped type, not null), indexes, foreign keys, triggers. */
async function d1Shape() {
  const db = createClient({ url: ":memory:" });
  try {
    for (const file of (await readdir(D1_MIGRATIONS)).filter((f) => f.endsWith(".sql")).sort()) {
      await db.executeMultiple(await readFile(join(D1_MIGRATIONS, file), "utf8"));
    }
    const names = async (sql: string) => (await db.execute(sql)).rows.map((r) => String(r.name));
    const tables = await names("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
    const columns: string[] = [];
    const indexes: string[] = [];
    const foreignKeys: string[] = [];
    for (const table of tables) {
      for (const c of (await db.execute(`PRAGMA table_info("${table}")`)).rows) {
        columns.push(`${table}.${c.name} ${{ TEXT: "text", INTEGER: "integer" }[String(c.type)]}${c.notnull || c.pk ? " not null" : ""}`);
      }
      for (const i of (await db.execute(`PRAGMA index_list("${table}")`)).rows) if (i.origin !== "pk") indexes.push(String(i.name));
      for (const f of (await db.execute(`PRAGMA foreign_key_list("${table}")`)).rows) foreignKeys.push(`${table}.${f.from} -> ${f.table}.${f.to}`);
    }
    const triggers = await names("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name");
    return { tables, columns: columns.sort(), indexes: indexes.sort(), foreignKeys: foreignKeys.sort(), triggers };
  } finally {
    db.close();
  }
}

describe("PostgreSQL schema drift", () => {
  let migrated: pg.Client;
  beforeAll(async () => {
    const url = await createDatabase({ migrated: false });
    expect(await migratePostgres(url)).toEqual(await migrationFiles());
    migrated = await connect(url);
  });

  it("the migrations build exactly the tables, columns, indexes and constraints of prisma/schema.prisma", async () => {
    const url = await createDatabase({ migrated: false });
    const fromSchema = await connect(url);
    await fromSchema.query(await schemaToPostgresSql(url));
    const expected = await shape(fromSchema);
    expect(expected.tables.length).toBeGreaterThan(0);
    const actual = await shape(migrated);
    const partial = actual.indexes.filter((i) => / WHERE /.test(i.indexdef));
    expect(partial.map((i) => i.indexname).sort()).toEqual(PARTIAL_INDEXES);
    expect({ ...actual, indexes: actual.indexes.filter((i) => !partial.includes(i)) }).toEqual(expected);
  });

  it("the migrations add D1's triggers by name, and only the TRUNCATE guards besides", async () => {
    const d1 = await d1Shape();
    expect(await triggers(migrated)).toEqual([...d1.triggers, ...POSTGRES_ONLY_TRIGGERS].sort());
  });

  it("builds the tables, columns, types, indexes and foreign keys D1's migrations build", async () => {
    const d1 = await d1Shape();
    const pgShape = await shape(migrated);
    expect(pgShape.tables).toEqual(d1.tables.filter((t) => t !== "d1_migrations"));
    const columns = pgShape.columns.map((c) => `${c.table_name}.${c.column_name} ${c.data_type}${c.is_nullable === "NO" ? " not null" : ""}`);
    expect(columns.sort()).toEqual(d1.columns);
    const indexes = pgShape.indexes.map((i) => i.indexname).filter((name) => !name.endsWith("_pkey"));
    expect(indexes.sort()).toEqual(d1.indexes);
    const foreignKeys = pgShape.constraints
      .filter((c) => c.contype === "f")
      .map((c) => {
        const [, from, table, to] = /^FOREIGN KEY \((\w+)\) REFERENCES (\w+)\((\w+)\)/.exec(c.definition)!;
        return `${c.table}.${from} -> ${table}.${to}`;
      });
    expect(foreignKeys.sort()).toEqual(d1.foreignKeys);
  });

  it("applies every file once when two runners race on a fresh database, and nothing the next time", async () => {
    const url = await createDatabase({ migrated: false });
    const runs = await Promise.all([migratePostgres(url), migratePostgres(url)]);
    expect(runs.map((applied) => applied.length).sort()).toEqual([0, (await migrationFiles()).length]);
    expect(await migratePostgres(url)).toEqual([]);
    const { rows } = await (await connect(url)).query(`SELECT name FROM "${RUNNER_TABLE}" ORDER BY name`);
    expect(rows.map((r) => r.name)).toEqual(await migrationFiles());
  });
});

async function migrationFiles(): Promise<string[]> {
  return (await readdir(join(import.meta.dirname, "../../prisma/pg-migrations"))).filter((f) => f.endsWith(".sql")).sort();
}
