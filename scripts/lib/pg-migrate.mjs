// Applies prisma/pg-migrations/*.sql to a PostgreSQL database, in name order, each file in
// its own transaction, recording each applied name; files already recorded are skipped, so
// running it again changes nothing. An advisory lock lets two starts race safely. A file is
// sent whole, as one simple-protocol query: PL/pgSQL bodies ($$ … $$) hold semicolons.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import pg from "pg";

export const pgMigrationsDir = fileURLToPath(new URL("../../prisma/pg-migrations/", import.meta.url));

// Any constant the project owns; taken for the session, released when it ends.
const LOCK = 7_107_010;

/** Applies what is missing; answers the names it applied (empty when none were). */
export async function migratePostgres(connectionString, { dir = pgMigrationsDir } = {}) {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".sql")).sort();
  const client = new pg.Client({ connectionString });
  client.on("error", () => {}); // a socket closing after end() must not fail the caller
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_pg_migrations" (
      "name" TEXT PRIMARY KEY, "applied_at" TIMESTAMPTZ NOT NULL DEFAULT now())`);
    const { rows } = await client.query(`SELECT "name" FROM "_pg_migrations"`);
    const done = new Set(rows.map((r) => r.name));
    const applied = [];
    for (const file of files.filter((f) => !done.has(f))) {
      const sql = await readFile(join(dir, file), "utf8");
      try {
        await client.query("BEGIN");
        await client.query(sql);
        await client.query(`INSERT INTO "_pg_migrations" ("name") VALUES ($1)`, [file]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`${file}: ${error.message}`, { cause: error });
      }
      applied.push(file);
    }
    return applied;
  } finally {
    await client.end();
  }
}

// node scripts/lib/pg-migrate.mjs: migrates the database DATABASE_URL names.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (!process.env.DATABASE_URL) throw new Error("set DATABASE_URL=postgresql://user:password@host:port/database");
  const applied = await migratePostgres(process.env.DATABASE_URL);
  console.log(applied.length ? `applied ${applied.join(", ")}` : "nothing to apply");
}
