import { createClient } from "@libsql/client";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// Migration 0020 counts the sends already written, once, per Astana day; what is sent after
// it is counted by its trigger, only for the rows an insert wrote (test/worker/console-audience.test.ts
// checks the same through campaigns and send checks).

const MIGRATIONS = join(import.meta.dirname, "../../prisma/migrations");

const insertSend = `INSERT INTO sends (contact_id, channel, sent_at, topic, origin) VALUES ('ct_a', ?, ?, ?, ?) ON CONFLICT DO NOTHING`;

describe("migration 0020", () => {
  it("counts the existing sends per Astana day, then each new send as a delta, and a skipped duplicate not at all", async () => {
    const db = createClient({ url: ":memory:" });
    const files = (await readdir(MIGRATIONS)).filter((f) => f.endsWith(".sql")).sort();
    for (const f of files.filter((f) => f < "0020")) await db.executeMultiple(await readFile(join(MIGRATIONS, f), "utf8"));
    const at = "2026-11-01T00:00:00.000Z";
    await db.execute({ sql: "INSERT INTO contacts (id, email, created_at, updated_at) VALUES ('ct_a', 'a@example.kz', ?, ?)", args: [at, at] });
    const sends: [string, string, string, string][] = [
      ["email", "2026-11-10T10:00:00.000Z", "newsletter", "cm_1"],
      ["email", "2026-11-10T11:00:00.000Z", "newsletter", "sc_1"],
      ["email", "2026-11-10T19:00:00.000Z", "newsletter", "cm_2"], // 00:00 on the 11th in Astana
      ["sms", "2026-11-10T12:00:00.000Z", "advertising", "sc_2"],
    ];
    for (const s of sends) await db.execute({ sql: insertSend, args: s });

    await db.executeMultiple(await readFile(join(MIGRATIONS, "0020_sent_counts.sql"), "utf8"));

    const counts = await db.execute("SELECT day, topic, channel, kind, count FROM consent_day_counts ORDER BY day, topic, channel, kind");
    expect(counts.rows.map((r) => `${r.day} ${r.topic} ${r.channel} ${r.kind} ${r.count}`)).toEqual([
      "2026-11-10 advertising sms sent 1",
      "2026-11-10 newsletter email sent 2",
      "2026-11-11 newsletter email sent 1",
    ]);
    expect((await db.execute("SELECT COUNT(*) AS n FROM consent_count_deltas")).rows[0]!.n).toBe(0);

    await db.execute({ sql: insertSend, args: ["email", "2026-11-12T10:00:00.000Z", "newsletter", "cm_3"] });
    await db.execute({ sql: insertSend, args: ["email", "2026-11-12T10:00:00.000Z", "newsletter", "cm_3"] }); // the same row: skipped
    const deltas = await db.execute("SELECT day, topic, channel, kind FROM consent_count_deltas");
    expect(deltas.rows.map((r) => `${r.day} ${r.topic} ${r.channel} ${r.kind}`)).toEqual(["2026-11-12 newsletter email sent"]);
    db.close();
  });
});
