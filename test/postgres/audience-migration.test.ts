import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { migratePostgres, pgMigrationsDir } from "../../scripts/lib/pg-migrate.mjs";
import { connect, createDatabase } from "./database";

// PostgreSQL's 0009 counts the ledger already written, once, as D1's 0018 does
// (test/node/migration-0018.test.ts), and its trigger counts what comes after.

describe("pg migration 0009 (day counts)", () => {
  it("counts the existing ledger per Astana day and kind, then each new event as a delta", async () => {
    const url = await createDatabase({ migrated: false });
    const earlier = await mkdtemp(join(tmpdir(), "pg-migrations-"));
    for (const f of (await readdir(pgMigrationsDir)).filter((f) => f < "0009")) await cp(join(pgMigrationsDir, f), join(earlier, f));
    await migratePostgres(url, { dir: earlier });
    await rm(earlier, { recursive: true });

    const db = await connect(url);
    const at = "2026-11-01T00:00:00.000Z";
    await db.query(`INSERT INTO contacts (id, email, created_at, updated_at) VALUES ('ct_a', 'a@example.kz', $1, $1)`, [at]);
    const insert = (id: string, topic: string, channel: string, status: string, source: string, occurredAt: string) =>
      db.query(
        `INSERT INTO consent_events (id, contact_id, topic, channel, status, source, occurred_at, recorded_at, policy_version, actor)
         VALUES ($1, 'ct_a', $2, $3, $4, $5, $6, '2026-11-30T12:00:00.000Z', '2025-01', 'test')`,
        [id, topic, channel, status, source, occurredAt],
      );
    await insert("ev_1", "newsletter", "email", "granted", "api", "2026-11-10T10:00:00.000Z");
    await insert("ev_2", "newsletter", "email", "withdrawn", "one_click", "2026-11-10T11:00:00.000Z");
    await insert("ev_3", "*", "email", "withdrawn", "complaint", "2026-11-10T12:00:00.000Z");
    await insert("ev_4", "*", "email", "suppressed", "bounce", "2026-11-10T13:00:00.000Z");
    await insert("ev_5", "newsletter", "email", "pending", "web_form", "2026-11-10T14:00:00.000Z");
    await insert("ev_6", "newsletter", "sms", "granted", "api", "2026-11-10T19:00:00.000Z"); // 00:00 on the 11th in Astana

    expect(await migratePostgres(url)).toContain("0009_audience.sql");

    const counts = await db.query(`SELECT day, topic, channel, kind, count FROM consent_day_counts ORDER BY 1, 2, 3, 4`);
    expect(counts.rows.map((r) => `${r.day} ${r.topic} ${r.channel} ${r.kind} ${r.count}`)).toEqual([
      "2026-11-10 * email bounced 1",
      "2026-11-10 * email complained 1",
      "2026-11-10 newsletter email granted 1",
      "2026-11-10 newsletter email withdrawn 1",
      "2026-11-11 newsletter sms granted 1",
    ]);
    await insert("ev_7", "newsletter", "email", "withdrawn", "api", "2026-11-10T18:59:59.000Z");
    await insert("ev_8", "newsletter", "email", "cleared", "api", "2026-11-10T18:59:59.500Z");
    const deltas = await db.query(`SELECT day, topic, channel, kind FROM consent_count_deltas`);
    expect(deltas.rows).toEqual([{ day: "2026-11-10", topic: "newsletter", channel: "email", kind: "withdrawn" }]);
  });
});
