import { createClient } from "@libsql/client";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// Migration 0008 repairs states that a future-dated event moved: applied to a database
// written by the code before it, a withdrawal made before that future moment takes effect.

const MIGRATIONS = join(import.meta.dirname, "../../prisma/migrations");

async function migrationsUpTo(last: string) {
  const files = (await readdir(MIGRATIONS)).filter((f) => f.endsWith(".sql") && f <= last).sort();
  return Promise.all(files.map((f) => readFile(join(MIGRATIONS, f), "utf8")));
}

const insertEvent = `INSERT INTO consent_events (id, contact_id, topic, channel, status, source, occurred_at, recorded_at, policy_version, actor)
  VALUES (?, ?, ?, ?, ?, 'api', ?, ?, '2025-01', 'test')`;

describe("migration 0008", () => {
  it("derives again the states a future-dated event moved, and leaves other contacts alone", async () => {
    const db = createClient({ url: ":memory:" });
    for (const script of await migrationsUpTo("0007_imports.sql")) await db.executeMultiple(script);
    const at = "2026-11-30T10:00:00.000Z";
    for (const id of ["ct_a", "ct_b"]) {
      await db.execute({ sql: "INSERT INTO contacts (id, email, created_at, updated_at) VALUES (?, ?, ?, ?)", args: [id, `${id}@example.kz`, at, at] });
    }
    // ct_a: a grant claiming 10:04, recorded at 10:00; a one-click at 10:01, recorded but outranked.
    await db.execute({ sql: insertEvent, args: ["ce_1", "ct_a", "*", "*", "granted", "2026-11-30T10:04:00.000Z", at] });
    await db.execute({ sql: insertEvent, args: ["ce_2", "ct_a", "newsletter", "email", "granted", "2026-11-30T10:04:00.000Z", at] });
    await db.execute({ sql: insertEvent, args: ["ce_3", "ct_a", "newsletter", "email", "withdrawn", "2026-11-30T10:01:00.000Z", "2026-11-30T10:01:00.000Z"] });
    // ct_b: nothing in the future; an older record imported late stays outranked.
    await db.execute({ sql: insertEvent, args: ["ce_4", "ct_b", "newsletter", "email", "withdrawn", "2026-11-30T09:00:00.000Z", at] });
    await db.execute({ sql: insertEvent, args: ["ce_5", "ct_b", "newsletter", "email", "granted", "2026-11-30T08:00:00.000Z", at] });
    const state = async (contact: string) =>
      (await db.execute({ sql: "SELECT topic, channel, status, occurred_at FROM consent_states WHERE contact_id = ? ORDER BY topic, channel", args: [contact] })).rows.map(
        (r) => `${r.topic} ${r.channel} ${r.status} ${r.occurred_at}`,
      );
    expect(await state("ct_a")).toContain("newsletter email granted 2026-11-30T10:04:00.000Z");
    const before = await state("ct_b");

    await db.executeMultiple(await readFile(join(MIGRATIONS, "0008_occurred_at_not_after_receipt.sql"), "utf8"));

    expect(await state("ct_a")).toEqual(["* * granted 2026-11-30T10:00:00.000Z", "newsletter email withdrawn 2026-11-30T10:01:00.000Z"]);
    expect(await state("ct_b")).toEqual(before);
    await expect(db.execute({ sql: insertEvent, args: ["ce_6", "ct_b", "*", "*", "granted", "2026-11-30T10:05:00.000Z", at] })).rejects.toThrow(/after recorded_at/);
    db.close();
  });
});
