import type pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { connect, createDatabase, unique } from "./database";

// The ledger's guarantees on PostgreSQL, in the database itself (prisma/pg-migrations/0002),
// as D1's triggers give them: the cases mirror test/worker/erasure.test.ts ("refuses, inside
// the database, …"), ledger-guards.test.ts (ties, the erasure lift per channel) and
// test/node/migration-0008.test.ts, plus what only PostgreSQL could do (TRUNCATE, a tie
// applied out of seq order, duplicate JSON keys).

let db: pg.Client;
let databaseUrl: string;
const at = (minute: number) => `2026-11-30T10:${String(minute).padStart(2, "0")}:00.000Z`;
const RECORDED = at(30);

async function contact(fields: { emailHash?: string; phoneHash?: string } = {}): Promise<string> {
  const id = unique("ct");
  await db.query("INSERT INTO contacts (id, email_hash, phone_hash, locale, created_at, updated_at) VALUES ($1, $2, $3, 'kk', $4, $4)", [
    id,
    fields.emailHash ?? null,
    fields.phoneHash ?? null,
    at(0),
  ]);
  return id;
}

interface Event {
  topic?: string;
  channel?: string;
  status?: string;
  source?: string;
  occurredAt?: string;
  recordedAt?: string;
  evidence?: object;
  importKey?: string;
  seq?: number;
}

async function event(contactId: string, e: Event = {}): Promise<{ id: string; seq: number }> {
  const id = unique("ce");
  const { rows } = await db.query(
    `INSERT INTO consent_events (seq, id, contact_id, topic, channel, status, source, occurred_at, recorded_at, policy_version, locale, actor, evidence, import_key)
     VALUES (COALESCE($1, nextval('consent_events_seq_seq')), $2, $3, $4, $5, $6, $7, $8, $9, '2025-01', 'kk', 'test', $10, $11) RETURNING seq`,
    [
      e.seq ?? null, id, contactId, e.topic ?? "newsletter", e.channel ?? "email", e.status ?? "granted", e.source ?? "api",
      e.occurredAt ?? at(10), e.recordedAt ?? RECORDED, JSON.stringify(e.evidence ?? {}), e.importKey ?? null,
    ],
  );
  return { id, seq: rows[0].seq };
}

async function state(contactId: string) {
  const { rows } = await db.query("SELECT topic, channel, status, event_seq FROM consent_states WHERE contact_id = $1", [contactId]);
  return rows;
}

const refusedWith = (message: RegExp) => expect.objectContaining({ code: "P0001", message: expect.stringMatching(message) });

beforeAll(async () => {
  databaseUrl = await createDatabase({ migrated: true });
  db = await connect(databaseUrl);
});

describe("the state follows the ledger's latest occurrence", () => {
  // [events on one scope in insertion order: status and minute, the state after: status and which event, or none]
  it.each([
    ["an earlier occurrence recorded later does not overwrite", [["granted", 10], ["withdrawn", 9]], ["granted", 0]],
    ["a later occurrence does", [["withdrawn", 9], ["granted", 10]], ["granted", 1]],
    ["a tie ends with the later event: a grant, then a withdrawal", [["granted", 10], ["withdrawn", 10]], ["withdrawn", 1]],
    ["a tie ends with the later event: a withdrawal, then a grant", [["withdrawn", 10], ["granted", 10]], ["granted", 1]],
    ["cleared moves the state", [["granted", 9], ["cleared", 10]], ["cleared", 1]],
    ["an older cleared does not", [["granted", 10], ["cleared", 9]], ["granted", 0]],
    ["pending moves nothing", [["granted", 9], ["pending", 10]], ["granted", 0]],
    ["suppressed moves nothing", [["withdrawn", 9], ["suppressed", 10]], ["withdrawn", 0]],
    ["pending alone leaves no state", [["pending", 10]], null],
    ["suppressed alone leaves no state", [["suppressed", 10]], null],
  ] as const)("%s", async (_, events, expected) => {
    const id = await contact();
    const written = [];
    for (const [status, minute] of events) written.push(await event(id, { status, occurredAt: at(minute) }));
    const other = await event(id, { topic: "*", channel: "sms", status: "withdrawn", occurredAt: at(1) });
    const rows = await state(id);
    expect(rows.filter((r) => r.topic === "*")).toEqual([{ topic: "*", channel: "sms", status: "withdrawn", event_seq: other.seq }]);
    const scope = rows.filter((r) => r.topic === "newsletter");
    expect(scope).toEqual(expected ? [{ topic: "newsletter", channel: "email", status: expected[0], event_seq: written[expected[1]]!.seq }] : []);
  });

  it("gives a tie to the later event by seq even when the earlier one is applied last, as concurrent transactions may", async () => {
    const id = await contact();
    const base = 1_000_000_000 + Math.floor(Math.random() * 100_000_000) * 10;
    await event(id, { status: "withdrawn", occurredAt: at(10), seq: base + 2 });
    await event(id, { status: "granted", occurredAt: at(10), seq: base + 1 });
    expect(await state(id)).toEqual([{ topic: "newsletter", channel: "email", status: "withdrawn", event_seq: base + 2 }]);
  });

  it("ends with the ledger's last word when many transactions write one scope at once", async () => {
    const id = await contact();
    const writers = await Promise.all(Array.from({ length: 8 }, async () => connect(databaseUrl)));
    await Promise.all(
      writers.map(async (writer, w) => {
        for (let i = 0; i < 6; i++) {
          const status = (w + i) % 2 ? "granted" : "withdrawn";
          await writer.query("BEGIN");
          await writer.query(
            `INSERT INTO consent_events (id, contact_id, topic, channel, status, source, occurred_at, recorded_at, policy_version, actor)
             VALUES ($1, $2, 'newsletter', 'email', $3, 'api', $4, $5, '2025-01', 'test')`,
            [unique("ce"), id, status, at((w * 7 + i * 3) % 12), RECORDED],
          );
          await writer.query("COMMIT");
        }
      }),
    );
    const { rows } = await db.query(
      `SELECT status, seq AS event_seq FROM consent_events WHERE contact_id = $1 ORDER BY occurred_at DESC, seq DESC LIMIT 1`,
      [id],
    );
    expect(await state(id)).toEqual([{ topic: "newsletter", channel: "email", ...rows[0] }]);
  });

  it.each([
    ["occurred a millisecond after it was recorded is refused", "2026-11-30T10:30:00.001Z", false],
    ["occurred five minutes after (the clock skew the API allows) is refused", at(35), false],
    ["occurred at the moment it was recorded is accepted", RECORDED, true],
  ])("an event that %s", async (_, occurredAt, accepted) => {
    const id = await contact();
    const insert = event(id, { occurredAt, recordedAt: RECORDED });
    if (accepted) await insert;
    else await expect(insert).rejects.toEqual(refusedWith(/occurred_at is after recorded_at/));
    expect(await state(id)).toHaveLength(accepted ? 1 : 0);
  });
});

describe("the ledger is append-only but for erasure's stripping (D1 0010)", () => {
  const ONE_CLICK = { ip: "203.0.113.7", userAgent: "Mail/1.0", linkKeyId: 2, choice: "link" };

  /** A one-click withdrawal on a contact, erased (with its erasures row) or not. */
  async function oneClick(erased: boolean) {
    const id = await contact();
    const e = await event(id, { status: "withdrawn", source: "one_click", evidence: ONE_CLICK, importKey: unique("ik") });
    if (erased) {
      await db.query("INSERT INTO erasures (id, contact_id, erased_at, api_key_id, ledger_events, addresses) VALUES ($1, $2, $3, 'admin', 1, '[]')", [unique("er"), id, RECORDED]);
    }
    return e;
  }
  const row = async (id: string) => (await db.query("SELECT * FROM consent_events WHERE id = $1", [id])).rows[0];

  // [what, erased?, SET clause, allowed?]
  it.each([
    ["strip everything, marked", true, `locale = NULL, evidence = '{"erased":true}'`, true],
    ["keep a reference as it was", true, `locale = NULL, evidence = '{"linkKeyId":2,"erased":true}'`, true],
    ["keep two references, in another order", true, `locale = NULL, evidence = '{"erased":true,"choice":"link","linkKeyId":2}'`, true],
    ["the same stripping of a contact not erased", false, `locale = NULL, evidence = '{"erased":true}'`, false],
    ["0006's [erased] values on a contact not erased", false, `locale = NULL, evidence = '{"ip":"[erased]"}'`, false],
    ["change the status", true, `status = 'granted'`, false],
    ["change occurred_at while stripping", true, `locale = NULL, evidence = '{"erased":true}', occurred_at = '2026-11-30T09:00:00.000Z'`, false],
    ["drop the import key while stripping", true, `locale = NULL, evidence = '{"erased":true}', import_key = NULL`, false],
    ["strip the evidence but keep the locale", true, `evidence = '{"erased":true}'`, false],
    ["strip without the marker", true, `locale = NULL, evidence = '{}'`, false],
    ["keep a reference but leave out the marker", true, `locale = NULL, evidence = '{"linkKeyId":2}'`, false],
    ["replace a value", true, `locale = NULL, evidence = '{"ip":"10.0.0.1"}'`, false],
    ["mark it false", true, `locale = NULL, evidence = '{"erased":false}'`, false],
    ["mark it with the text true", true, `locale = NULL, evidence = '{"erased":"true"}'`, false],
    ["add a member", true, `locale = NULL, evidence = '{"erased":true,"note":"aigul@mail.kz"}'`, false],
    ["change a kept reference: 2 to 1", true, `locale = NULL, evidence = '{"erased":true,"linkKeyId":1}'`, false],
    ["change a kept reference's type: 2 to \"2\"", true, `locale = NULL, evidence = '{"erased":true,"linkKeyId":"2"}'`, false],
    ["change a kept reference's form: 2 to 2.0", true, `locale = NULL, evidence = '{"erased":true,"linkKeyId":2.0}'`, false],
    ["hide a new value behind a duplicate key", true, `locale = NULL, evidence = '{"erased":true,"linkKeyId":"aigul","linkKeyId":2}'`, false],
    // As on D1 since its 0011: exactly one "erased" member, and it is true.
    ["add a second marker that is not true", true, `locale = NULL, evidence = '{"erased":true,"erased":"aigul"}'`, false],
    ["write evidence that is not JSON", true, `locale = NULL, evidence = 'aigul@mail.kz'`, false],
    ["write an array", true, `locale = NULL, evidence = '["erased"]'`, false],
  ] as const)("UPDATE: %s (erased: %s)", async (_, erased, set, allowed) => {
    const e = await oneClick(erased);
    const before = await row(e.id);
    const update = db.query(`UPDATE consent_events SET ${set} WHERE id = $1`, [e.id]);
    if (allowed) {
      await update;
      const after = await row(e.id);
      expect(after.locale).toBeNull();
      expect({ ...after, locale: before.locale, evidence: before.evidence }).toEqual(before);
    } else {
      await expect(update).rejects.toEqual(refusedWith(/consent_events is append-only/));
      expect(await row(e.id)).toEqual(before);
    }
  });

  it.each([
    ["DELETE of a contact's events", false, "DELETE FROM consent_events WHERE id = $1"],
    ["DELETE of an erased contact's events", true, "DELETE FROM consent_events WHERE id = $1"],
    ["TRUNCATE", true, "TRUNCATE consent_events"],
  ] as const)("refuses %s", async (_, erased, sql) => {
    const e = await oneClick(erased);
    await expect(db.query(sql, sql.includes("$1") ? [e.id] : [])).rejects.toEqual(refusedWith(/consent_events is append-only/));
    expect(await row(e.id)).toBeDefined();
  });
});

describe("a new grant lifts an erased address's suppression, per channel (D1 0006)", () => {
  // [the new event, which erased suppressions remain]
  it.each([
    ["a grant by email lifts the email only", { channel: "email" }, ["phone"]],
    ["a grant by sms lifts the phone only", { channel: "sms" }, ["email"]],
    ["a grant by voice lifts the phone only", { channel: "voice" }, ["email"]],
    ["a grant by whatsapp lifts the phone only", { channel: "whatsapp" }, ["email"]],
    ["a grant by telegram lifts the phone only", { channel: "telegram" }, ["email"]],
    ["a grant on every channel lifts both", { channel: "*" }, []],
    ["an imported grant lifts nothing", { channel: "*", source: "import" }, ["email", "phone"]],
    ["a withdrawal lifts nothing", { channel: "*", status: "withdrawn" }, ["email", "phone"]],
    ["a grant awaiting confirmation lifts nothing", { channel: "*", status: "pending" }, ["email", "phone"]],
    ["a grant that occurred before the erasure lifts nothing", { channel: "*", occurredAt: at(4) }, ["email", "phone"]],
    ["a grant at the erasure's very moment lifts nothing", { channel: "*", occurredAt: at(5) }, ["email", "phone"]],
  ] as const)("%s", async (_, grant, remaining) => {
    const hashes = { email: unique("he"), phone: unique("hp") };
    for (const hash of Object.values(hashes)) {
      await db.query("INSERT INTO suppressions (address_hash, channel, reason, created_at, evidence) VALUES ($1, '*', 'erased', $2, '{}')", [hash, at(5)]);
    }
    // A bounce is no erasure: nothing lifts it.
    await db.query("INSERT INTO suppressions (address_hash, channel, reason, created_at) VALUES ($1, 'email', 'hard_bounce', $2)", [hashes.email, at(5)]);
    const id = await contact({ emailHash: hashes.email, phoneHash: hashes.phone });
    await event(id, { occurredAt: at(6), ...grant });
    const { rows } = await db.query("SELECT address_hash, reason FROM suppressions WHERE address_hash = ANY($1)", [Object.values(hashes)]);
    const kinds = rows.filter((r) => r.reason === "erased").map((r) => (r.address_hash === hashes.email ? "email" : "phone"));
    expect(kinds.sort()).toEqual(remaining);
    expect(rows.filter((r) => r.reason === "hard_bounce")).toHaveLength(1);
  });
});

describe("erasure is final (D1 0006)", () => {
  async function erased() {
    const id = await contact();
    const erasure = unique("er");
    await db.query("INSERT INTO erasures (id, contact_id, erased_at, api_key_id, ledger_events, addresses) VALUES ($1, $2, $3, 'admin', 0, '[]')", [erasure, id, RECORDED]);
    await db.query("UPDATE contacts SET email = NULL, email_hash = NULL, erased_at = $2 WHERE id = $1", [id, RECORDED]);
    return { id, erasure };
  }

  it.each([
    ["writing an address back into an erased contact", "UPDATE contacts SET email = 'back@example.kz' WHERE id = $1", /an erased contact cannot change/],
    ["touching an erased contact at all", "UPDATE contacts SET updated_at = updated_at WHERE id = $1", /an erased contact cannot change/],
    ["changing its erasure record", "UPDATE erasures SET api_key_id = 'someone' WHERE contact_id = $1", /erasures are final/],
    ["deleting its erasure record", "DELETE FROM erasures WHERE contact_id = $1", /erasures are final/],
    ["emptying the erasures", "TRUNCATE erasures", /erasures are final/],
  ])("refuses %s", async (_, sql, message) => {
    const { id } = await erased();
    await expect(db.query(sql, sql.includes("$1") ? [id] : [])).rejects.toEqual(refusedWith(message));
    expect((await db.query("SELECT erased_at, email FROM contacts WHERE id = $1", [id])).rows).toEqual([{ erased_at: RECORDED, email: null }]);
  });

  it("lets a contact that is not erased change, erasure included", async () => {
    const id = await contact();
    await db.query("UPDATE contacts SET email = 'aigul@mail.kz' WHERE id = $1", [id]);
    await db.query("UPDATE contacts SET email = NULL, erased_at = $2 WHERE id = $1", [id, RECORDED]);
  });
});

describe("what is written once", () => {
  it("refuses an import key twice, and ON CONFLICT DO NOTHING then writes nothing and moves nothing", async () => {
    const id = await contact();
    const importKey = unique("ik");
    const first = await event(id, { source: "import", importKey, occurredAt: at(9) });
    await expect(event(id, { source: "import", importKey, status: "withdrawn" })).rejects.toMatchObject({ code: "23505" });
    const again = await db.query(
      `INSERT INTO consent_events (id, contact_id, topic, channel, status, source, occurred_at, recorded_at, policy_version, actor, import_key)
       VALUES ($1, $2, 'newsletter', 'email', 'withdrawn', 'import', $3, $3, '2025-01', 'test', $4) ON CONFLICT ("import_key") DO NOTHING`,
      [unique("ce"), id, RECORDED, importKey],
    );
    expect(again.rowCount).toBe(0);
    expect(await state(id)).toEqual([{ topic: "newsletter", channel: "email", status: "granted", event_seq: first.seq }]);
  });

  it("refuses a webhook delivery's svix-id twice", async () => {
    const insert = (messageId: string) =>
      db.query("INSERT INTO webhook_deliveries (source, message_id, type, outcome, received_at) VALUES ('resend', $1, 'email.bounced', 'hard_bounce', $2)", [messageId, RECORDED]);
    const messageId = unique("msg");
    await insert(messageId);
    await expect(insert(messageId)).rejects.toMatchObject({ code: "23505" });
  });
});
