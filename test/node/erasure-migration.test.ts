import { createClient, type Client } from "@libsql/client";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Migration 0010 repairs what earlier erasures left: the workerd tests only ever see a
// database migrated in one go, so this one stops before 0010, writes rows as the service
// wrote them then, and applies the rest on SQLite.

const MIGRATIONS = join(import.meta.dirname, "../../prisma/migrations");
const REPAIR = "0010_erasure_strips_evidence.sql";
const AT = "2025-03-01T10:00:00.000Z";
let db: Client;

async function migrate(which: (file: string) => boolean) {
  const files = (await readdir(MIGRATIONS)).filter((f) => f.endsWith(".sql") && which(f)).sort();
  for (const file of files) await db.executeMultiple(await readFile(join(MIGRATIONS, file), "utf8"));
}

async function insertEvent(id: string, contactId: string, source: string, evidence: object) {
  await db.execute({
    sql: `INSERT INTO consent_events (id, contact_id, topic, channel, status, source, occurred_at, recorded_at, policy_version, locale, actor, evidence)
          VALUES (?, ?, '*', 'email', 'withdrawn', ?, ?, ?, '2024-01', NULL, 'test', ?)`,
    args: [id, contactId, source, AT, AT, JSON.stringify(evidence)],
  });
}

/** Errors as zod and the import reported them before 0010, the file's keys and all. */
const OLD_REPORT = [
  { line: 1, path: [], code: "invalid_field", message: 'Unrecognized key: "aigul@mail.kz"' },
  { line: 2, path: ["consents", 0], code: "invalid_field", message: 'Unrecognized keys: "a@mail.kz", "b@mail.kz"' },
  { line: 3, path: ["consents", 0, "evidence", "aigul@mail.kz"], code: "invalid_field", message: "Invalid input" },
  { line: 4, path: ["consents", 1, "evidence", "+77011234567"], code: "invalid_field", message: "Invalid key in record" },
  { line: 4, path: ["email"], code: "erased", message: "belongs to an erased person" },
];

const evidenceOf = async (id: string) =>
  JSON.parse((await db.execute({ sql: "SELECT evidence FROM consent_events WHERE id = ?", args: [id] })).rows[0]!.evidence as string);

describe(`migration ${REPAIR}`, () => {
  beforeAll(async () => {
    db = createClient({ url: ":memory:" });
    await migrate((file) => file < REPAIR);
    await db.executeMultiple(`
      INSERT INTO contacts (id, locale, created_at, updated_at, erased_at) VALUES ('ct_erased', 'kk', '${AT}', '${AT}', '${AT}');
      INSERT INTO contacts (id, email, locale, created_at, updated_at) VALUES ('ct_kept', 'aigul@mail.kz', 'kk', '${AT}', '${AT}');`);
    // As erasure left them before: every key kept, the values "[erased]" but the service's references.
    await insertEvent("ce_api", "ct_erased", "api", { "aigul@mail.kz": "[erased]", ip: "[erased]" });
    await insertEvent("ce_click", "ct_erased", "one_click", { ip: "[erased]", userAgent: "[erased]", linkKeyId: 2, choice: "link", "+77011234567": "[erased]" });
    await insertEvent("ce_alive", "ct_kept", "api", { "aigul@mail.kz": true });
    await db.execute(`INSERT INTO erasures (id, contact_id, erased_at, api_key_id, ledger_events, addresses) VALUES ('er_1', 'ct_erased', '${AT}', 'admin', 2, '["email"]')`);
    await db.execute({
      sql: `INSERT INTO suppressions (address_hash, channel, reason, created_at, evidence) VALUES
              ('h_bounced', 'email', 'hard_bounce', ?1, ?2), ('h_erased', '*', 'erased', ?1, '{"erasure":"er_1"}')`,
      args: [AT, JSON.stringify({ provider: "resend", type: "email.bounced", svixId: "msg_1", emailId: "em_1", bounceType: "Permanent", bounceSubType: "General" })],
    });
    await db.execute(`INSERT INTO imports (id, api_key_id, format, rows, chunks, created_at) VALUES ('imp_1', 'admin', 'ndjson', 4, 1, '${AT}')`);
    await db.execute({
      sql: `INSERT INTO import_chunks (import_id, seq, first_line, last_line, rows, done_at, rejected, errors) VALUES ('imp_1', 0, 1, 4, 4, ?1, 4, ?2)`,
      args: [AT, JSON.stringify(OLD_REPORT)],
    });
    await migrate((file) => file >= REPAIR);
  });
  afterAll(() => db.close());

  it("removes the keys of an erased contact's evidence, keeping the service's references and marking it erased", async () => {
    expect(await evidenceOf("ce_api")).toEqual({ erased: true });
    expect(await evidenceOf("ce_click")).toEqual({ linkKeyId: 2, choice: "link", erased: true });
  });

  it("removes the provider's message ids from every suppression, keeping why", async () => {
    const { rows } = await db.execute("SELECT address_hash, evidence FROM suppressions ORDER BY address_hash");
    expect(rows.map((r) => [r.address_hash, JSON.parse(r.evidence as string)])).toEqual([
      ["h_bounced", { provider: "resend", type: "email.bounced", bounceType: "Permanent", bounceSubType: "General" }],
      ["h_erased", { erasure: "er_1" }],
    ]);
  });

  it("rewrites stored import errors so that they name no key of the file", async () => {
    const { rows } = await db.execute("SELECT errors FROM import_chunks WHERE import_id = 'imp_1'");
    expect(JSON.parse(rows[0]!.errors as string)).toEqual([
      { line: 1, path: ["(unknown field)"], code: "invalid_field", message: "a field not in the format (names from the file are not repeated here)" },
      { line: 2, path: ["consents", 0, "(unknown field)"], code: "invalid_field", message: "a field not in the format (names from the file are not repeated here)" },
      { line: 3, path: ["consents", 0, "evidence", "(key)"], code: "invalid_field", message: "Invalid input" },
      { line: 4, path: ["consents", 1, "evidence", "(key)"], code: "invalid_field", message: "an evidence key must be 1 to 64 characters long" },
      OLD_REPORT[4],
    ]);
  });

  it("leaves the evidence of a contact who is not erased as it was", async () => {
    expect(await evidenceOf("ce_alive")).toEqual({ "aigul@mail.kz": true });
  });
});
