import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { migratePostgres, pgMigrationsDir } from "../../scripts/lib/pg-migrate.mjs";
import { connect, createDatabase } from "./database";

// PostgreSQL's 0012 counts the sends already written, once, as D1's 0020 does
// (test/node/migration-0020.test.ts), and its statement trigger counts the rows each insert writes.

describe("pg migration 0012 (sent counts)", () => {
  it("counts the existing sends per Astana day, then each written row as a delta, and a skipped duplicate not at all", async () => {
    const url = await createDatabase({ migrated: false });
    const earlier = await mkdtemp(join(tmpdir(), "pg-migrations-"));
    for (const f of (await readdir(pgMigrationsDir)).filter((f) => f < "0012")) await cp(join(pgMigrationsDir, f), join(earlier, f));
    await migratePostgres(url, { dir: earlier });
    await rm(earlier, { recursive: true });

    const db = await connect(url);
    const at = "2026-11-01T00:00:00.000Z";
    await db.query(`INSERT INTO contacts (id, email, created_at, updated_at) VALUES ('ct_a', 'a@example.kz', $1, $1), ('ct_b', 'b@example.kz', $1, $1)`, [at]);
    const send = (contact: string, channel: string, sentAt: string, topic: string, origin: string) =>
      db.query(`INSERT INTO sends (contact_id, channel, sent_at, topic, origin) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`, [contact, channel, sentAt, topic, origin]);
    await send("ct_a", "email", "2026-11-10T10:00:00.000Z", "newsletter", "cm_1");
    await send("ct_a", "email", "2026-11-10T11:00:00.000Z", "newsletter", "sc_1");
    await send("ct_a", "email", "2026-11-10T19:00:00.000Z", "newsletter", "cm_2"); // 00:00 on the 11th in Astana
    await send("ct_a", "sms", "2026-11-10T12:00:00.000Z", "advertising", "sc_2");

    expect(await migratePostgres(url)).toContain("0012_sent_counts.sql");

    const counts = await db.query(`SELECT day, topic, channel, kind, count FROM consent_day_counts ORDER BY 1, 2, 3, 4`);
    expect(counts.rows.map((r) => `${r.day} ${r.topic} ${r.channel} ${r.kind} ${r.count}`)).toEqual([
      "2026-11-10 advertising sms sent 1",
      "2026-11-10 newsletter email sent 2",
      "2026-11-11 newsletter email sent 1",
    ]);
    expect((await db.query(`SELECT COUNT(*)::int AS n FROM consent_count_deltas`)).rows[0].n).toBe(0);

    // One statement writing two rows and skipping one already there.
    await db.query(
      `INSERT INTO sends (contact_id, channel, sent_at, topic, origin)
       VALUES ('ct_a', 'email', '2026-11-12T10:00:00.000Z', 'newsletter', 'cm_3'), ('ct_b', 'email', '2026-11-12T10:00:00.000Z', 'newsletter', 'cm_3'),
              ('ct_a', 'email', '2026-11-10T10:00:00.000Z', 'newsletter', 'cm_1')
       ON CONFLICT DO NOTHING`,
    );
    const deltas = await db.query(`SELECT day, topic, channel, kind FROM consent_count_deltas`);
    expect(deltas.rows.map((r) => `${r.day} ${r.topic} ${r.channel} ${r.kind}`)).toEqual(["2026-11-12 newsletter email sent", "2026-11-12 newsletter email sent"]);
  });
});
