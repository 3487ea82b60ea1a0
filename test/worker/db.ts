import { env } from "cloudflare:workers";
import pg from "pg";
import { afterAll } from "vitest";

/**
 * The tests' direct line to the database the Worker under test uses: D1 in the "worker"
 * project, PostgreSQL (the HYPERDRIVE binding) in "worker-postgres". Statements are written
 * once, in SQL both accept, with ?1-style placeholders; results come back alike.
 */

type Row = Record<string, any>;

export type Dialect = "sqlite" | "postgres";

// bigint is what PostgreSQL's count(*) answers; pg hands it over as a string, D1 as a number.
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

// One connection per test file, opened on first use: ~0.5 ms a statement, where a
// connection per statement took ~13 ms.
let client: Promise<pg.Client> | undefined;
afterAll(async () => {
  const open = client;
  client = undefined;
  await (await open)?.end();
});

function connect(connectionString: string): Promise<pg.Client> {
  return (client ??= (async () => {
    const c = new pg.Client({ connectionString, types });
    c.on("error", () => {}); // its socket closing after end() must not fail the run
    await c.connect();
    return c;
  })());
}

async function execute(text: string, params: unknown[]): Promise<{ rows: Row[]; changes: number }> {
  if (!env.HYPERDRIVE) {
    const { results, meta } = await env.DB.prepare(text).bind(...params).all<Row>();
    return { rows: results, changes: meta.changes };
  }
  const result = await (await connect(env.HYPERDRIVE.connectionString)).query(text.replace(/\?(\d+)/g, "$$$1"), params);
  return { rows: result.rows, changes: result.rowCount ?? 0 };
}

export const sql = {
  dialect: (env.HYPERDRIVE ? "postgres" : "sqlite") as Dialect,
  /** Every row. */
  async all<T = Row>(text: string, ...params: unknown[]): Promise<T[]> {
    return (await execute(text, params)).rows as T[];
  },
  /** The first row, or null. */
  async first<T = Row>(text: string, ...params: unknown[]): Promise<T | null> {
    return ((await execute(text, params)).rows[0] as T | undefined) ?? null;
  },
  /** The first column of the first row (a count, say), or null. */
  async value<T = number>(text: string, ...params: unknown[]): Promise<T | null> {
    const [row] = (await execute(text, params)).rows;
    return row ? (Object.values(row)[0] as T) : null;
  },
  /** Runs a statement; answers how many rows it changed. */
  async run(text: string, ...params: unknown[]): Promise<number> {
    return (await execute(text, params)).changes;
  },
};
