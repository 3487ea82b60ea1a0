import pg from "pg";

/**
 * Raw statements with $1-style parameters: the rows answered, or how many rows changed.
 * All the PostgreSQL store's conditions, locks and set work, and its transactions, are these.
 */
export interface Sql {
  all<T>(text: string, ...params: unknown[]): Promise<T[]>;
  first<T>(text: string, ...params: unknown[]): Promise<T | undefined>;
  run(text: string, ...params: unknown[]): Promise<number>;
}

export interface SqlConnection extends Sql {
  /**
   * Runs `work` in one transaction (READ COMMITTED, PostgreSQL's default; a snapshot,
   * REPEATABLE READ, when asked): committed when it returns, rolled back when it throws.
   * Writes that read before they decide take a row lock first (ledger.ts), so each statement
   * after it reads what the lock's previous holder committed. Only `tx` reaches the
   * transaction: a statement on the connection itself waits until it ends.
   */
  transaction<T>(work: (tx: Sql) => Promise<T>, options?: { snapshot: boolean }): Promise<T>;
  /** Ends the connection, if one was opened, once the statements under way have answered. */
  close(): Promise<void>;
}

/**
 * int8 (count(*) and the like, where not cast to int) as a number, as D1 answers it; pg's
 * own parsers for the rest (json and jsonb parsed, booleans, int4 as numbers). Per client,
 * so that Prisma's pool keeps pg's defaults.
 */
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** A plain `pg` client over Hyperdrive's connection string, connected. */
export async function connectPg(connectionString: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString, types });
  client.on("error", () => {}); // a socket closing after end() must not fail the request
  await client.connect();
  return client;
}

/** Statements on one connected client. */
export function sqlOn(client: pg.ClientBase): Sql {
  return {
    all: async <T>(text: string, ...params: unknown[]) => (await client.query(text, params)).rows as T[],
    first: async <T>(text: string, ...params: unknown[]) => (await client.query(text, params)).rows[0] as T | undefined,
    run: async (text: string, ...params: unknown[]) => (await client.query(text, params)).rowCount ?? 0,
  };
}

/**
 * One request's connection, opened by `open` on the first statement and ended by close().
 * Statements and transactions take turns in the order given (pg runs one statement at a
 * time on a connection anyway), a transaction holding the connection for its own statements
 * until it ends. A statement after close() (a streamed answer read after the response began)
 * gets a connection of its own, ended when it has answered.
 */
export function lazyConnection(open: () => Promise<pg.Client>): SqlConnection {
  let client: Promise<pg.Client> | undefined;
  let closed = false;
  let turn: Promise<unknown> = Promise.resolve();

  async function connected(): Promise<pg.Client> {
    client ??= open();
    try {
      return await client;
    } catch (error) {
      client = undefined; // the next statement tries again
      throw error;
    }
  }

  async function onClient<T>(late: boolean, task: (client: pg.Client) => Promise<T>): Promise<T> {
    if (!late) return task(await connected());
    const own = await open();
    try {
      return await task(own);
    } finally {
      await own.end();
    }
  }

  function inTurn<T>(task: (client: pg.Client) => Promise<T>): Promise<T> {
    const late = closed;
    const result = turn.then(() => onClient(late, task));
    turn = result.catch(() => {});
    return result;
  }

  return {
    all: <T>(text: string, ...params: unknown[]) => inTurn((c) => sqlOn(c).all<T>(text, ...params)),
    first: <T>(text: string, ...params: unknown[]) => inTurn((c) => sqlOn(c).first<T>(text, ...params)),
    run: (text: string, ...params: unknown[]) => inTurn((c) => sqlOn(c).run(text, ...params)),
    transaction: (work, options) => inTurn((c) => inTransaction(c, work, options)),
    async close() {
      closed = true;
      await turn;
      const opened = client;
      client = undefined;
      await (await opened?.catch(() => undefined))?.end();
    },
  };
}

async function inTransaction<T>(client: pg.Client, work: (tx: Sql) => Promise<T>, options?: { snapshot: boolean }): Promise<T> {
  await client.query(options?.snapshot ? "BEGIN ISOLATION LEVEL REPEATABLE READ" : "BEGIN");
  let result: T;
  try {
    result = await work(sqlOn(client));
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {}); // a broken connection rolls back by itself
    throw error;
  }
  await client.query("COMMIT");
  return result;
}

/** A write refused by a unique index: another request wrote the same row first. */
export function isUniqueViolation(error: unknown): boolean {
  const text = String(error);
  return text.includes("Unique constraint failed") || text.includes("23505") || text.includes("duplicate key value");
}
