import { createClient } from "@libsql/client";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// Migration 0018 counts the ledger already written, once; what is written after it is
// counted by the trigger (test/worker/consent-counts.test.ts).

const MIGRATIONS = join(import.meta.dirname, "../../prisma/migrations");

const insertEvent = `INSERT INTO consent_events (id, contact_id, topic, channel, status, source, occurred_at, recorded_at, policy_version, actor)
  VALUES (?, 'ct_a', ?, ?, ?, ?, ?, '2026-11-30T12:00:00.000Z', '2025-01', 'test')`;

describe("migration 0018", () => {
  it("counts the existing ledger per Astana day and kind", async () => {
    const db = createClient({ url: ":memory:" });
    const files = (await readdir(MIGRATIONS)).filter((f) => f.endsWith(".sql")).sort();
    const before = files.filter((f) => f < "0018");
    for (const f of before) await db.executeMultiple(await readFile(join(MIGRATIONS, f), "utf8"));
    const at = "2026-11-01T00:00:00.000Z";
    await db.execute({ sql: "INSERT INTO contacts (id, email, created_at, updated_at) VALUES ('ct_a', 'a@example.kz', ?, ?)", args: [at, at] });
    const events: [string, string, string, string, string][] = [
      ["newsletter", "email", "granted", "api", "2026-11-10T10:00:00.000Z"],
      ["newsletter", "email", "withdrawn", "one_click", "2026-11-10T11:00:00.000Z"],
      ["*", "email", "withdrawn", "complaint", "2026-11-10T12:00:00.000Z"],
      ["*", "email", "suppressed", "bounce", "2026-11-10T13:00:00.000Z"],
      ["newsletter", "email", "pending", "web_form", "2026-11-10T14:00:00.000Z"],
      ["newsletter", "sms", "granted", "api", "2026-11-10T19:00:00.000Z"], // 00:00 on the 11th in Astana
    ];
    for (const [i, e] of events.entries()) await db.execute({ sql: insertEvent, args: [`ev_${i}`, ...e] });

    await db.executeMultiple(await readFile(join(MIGRATIONS, "0018_audience.sql"), "utf8"));

    const counts = await db.execute("SELECT day, topic, channel, kind, count FROM consent_day_counts ORDER BY day, topic, channel, kind");
    expect(counts.rows.map((r) => `${r.day} ${r.topic} ${r.channel} ${r.kind} ${r.count}`)).toEqual([
      "2026-11-10 * email bounced 1",
      "2026-11-10 * email complained 1",
      "2026-11-10 newsletter email granted 1",
      "2026-11-10 newsletter email withdrawn 1",
      "2026-11-11 newsletter sms granted 1",
    ]);
    expect((await db.execute("SELECT COUNT(*) AS n FROM consent_count_deltas")).rows[0]!.n).toBe(0);
    db.close();
  });
});
