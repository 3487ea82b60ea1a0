import type pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { connectPg, isUniqueViolation, lazyConnection } from "../../src/store/pg/sql";
import { createDatabase, unique } from "./database";

// The PostgreSQL store's raw way in (src/store/pg/sql.ts) on a real server: a connection
// opened on the first statement and ended by close(), transactions that hold it alone, and
// rows shaped as the store's statements expect them.

let url: string;
let table: string;

/** A connection whose opened clients the test can see. */
function connection() {
  const opened: { client: pg.Client; ended: boolean }[] = [];
  const sql = lazyConnection(async () => {
    const client = await connectPg(url);
    const entry = { client, ended: false };
    const end = client.end.bind(client);
    client.end = (async () => {
      entry.ended = true;
      await end();
    }) as typeof client.end;
    opened.push(entry);
    return client;
  });
  return { sql, opened };
}

const rows = async (sql: ReturnType<typeof connection>["sql"]) =>
  (await sql.all<{ n: number }>(`SELECT n FROM ${table} ORDER BY n`)).map((r) => r.n);

beforeAll(async () => {
  url = await createDatabase({ migrated: false });
  table = unique("t");
  const { sql } = connection();
  await sql.run(`CREATE TABLE ${table} (n int PRIMARY KEY)`);
  await sql.close();
});

describe("the store's pg connection", () => {
  it("opens nothing until a statement, one connection for all of them, ended by close()", async () => {
    const { sql, opened } = connection();
    expect(opened).toHaveLength(0);
    const [a, b] = await Promise.all([sql.first<{ one: number }>("SELECT 1 AS one"), sql.all<{ two: number }>("SELECT 2 AS two")]);
    expect([a, b]).toEqual([{ one: 1 }, [{ two: 2 }]]);
    expect(opened).toHaveLength(1);
    await sql.close();
    expect(opened[0]!.ended).toBe(true);
  });

  it("closes nothing when nothing was opened", async () => {
    const { sql, opened } = connection();
    await sql.close();
    expect(opened).toHaveLength(0);
  });

  it("answers how many rows a statement changed", async () => {
    const { sql } = connection();
    expect(await sql.run(`INSERT INTO ${table} (n) VALUES (1), (2)`)).toBe(2);
    expect(await sql.run(`DELETE FROM ${table} WHERE n = $1`, 99)).toBe(0);
    expect(await sql.run(`DELETE FROM ${table} WHERE n IN (1, 2)`)).toBe(2);
    await sql.close();
  });

  it("commits a transaction's work when it returns, and rolls all of it back when it throws", async () => {
    const { sql } = connection();
    const answer = await sql.transaction(async (tx) => {
      await tx.run(`INSERT INTO ${table} (n) VALUES (10)`);
      await tx.run(`INSERT INTO ${table} (n) VALUES (11)`);
      return "done";
    });
    expect(answer).toBe("done");
    await expect(
      sql.transaction(async (tx) => {
        await tx.run(`INSERT INTO ${table} (n) VALUES (12)`);
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    // A statement that fails rolls back the statements before it, and the connection serves on.
    await expect(
      sql.transaction(async (tx) => {
        await tx.run(`INSERT INTO ${table} (n) VALUES (13)`);
        await tx.run(`INSERT INTO ${table} (n) VALUES (10)`);
      }),
    ).rejects.toSatisfy(isUniqueViolation);
    expect(await rows(sql)).toEqual([10, 11]);
    await sql.run(`DELETE FROM ${table}`);
    await sql.close();
  });

  it("keeps a statement given during a transaction out of it: it waits, and is not rolled back with it", async () => {
    const { sql, opened } = connection();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const failing = sql.transaction(async (tx) => {
      await tx.run(`INSERT INTO ${table} (n) VALUES (20)`);
      await held;
      throw new Error("rolled back");
    });
    const outside = sql.run(`INSERT INTO ${table} (n) VALUES (21)`);
    let outsideDone = false;
    void outside.then(() => (outsideDone = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(outsideDone).toBe(false);
    release();
    await expect(failing).rejects.toThrow("rolled back");
    expect(await outside).toBe(1);
    expect(await rows(sql)).toEqual([21]);
    expect(opened).toHaveLength(1);
    await sql.run(`DELETE FROM ${table}`);
    await sql.close();
  });

  it("runs READ COMMITTED, or REPEATABLE READ when a snapshot is asked for", async () => {
    const { sql } = connection();
    const level = (snapshot?: boolean) =>
      sql.transaction(async (tx) => (await tx.first<{ level: string }>("SELECT current_setting('transaction_isolation') AS level"))!.level, snapshot === undefined ? undefined : { snapshot });
    expect(await level()).toBe("read committed");
    expect(await level(false)).toBe("read committed");
    expect(await level(true)).toBe("repeatable read");
    await sql.close();
  });

  it("answers int8 as a number, JSON parsed, booleans and NULL as such", async () => {
    const { sql } = connection();
    const row = await sql.first(
      `SELECT count(*) AS n, 7::int AS i, '{"a":[1]}'::json AS j, '[{"b":2}]'::jsonb AS jb, true AS yes, NULL::text AS nothing, 'x' AS text`,
    );
    expect(row).toEqual({ n: 1, i: 7, j: { a: [1] }, jb: [{ b: 2 }], yes: true, nothing: null, text: "x" });
    // A text[] parameter unnests as the store's statements bind it; undefined binds as NULL.
    expect(await sql.all("SELECT v FROM unnest($1::text[]) AS v", ["a", "b"])).toEqual([{ v: "a" }, { v: "b" }]);
    expect(await sql.first("SELECT $1::text IS NULL AS missing", undefined)).toEqual({ missing: true });
    await sql.close();
  });

  it("after close(), gives a late statement (a streamed answer) a connection of its own, ended after it", async () => {
    const { sql, opened } = connection();
    await sql.first("SELECT 1");
    await sql.close();
    expect(await sql.first("SELECT 2 AS two")).toEqual({ two: 2 });
    expect(opened).toHaveLength(2);
    expect(opened.every((o) => o.ended)).toBe(true);
  });

  it("lets the statements given before close() finish on the connection, then ends it", async () => {
    const { sql, opened } = connection();
    const slow = sql.first<{ done: number }>("SELECT 1 AS done FROM pg_sleep(0.05)");
    const closing = sql.close();
    expect(await slow).toEqual({ done: 1 });
    await closing;
    expect(opened).toHaveLength(1);
    expect(opened[0]!.ended).toBe(true);
  });
});
