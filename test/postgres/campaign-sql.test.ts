import type pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/store/pg/database";
import { lazyConnection } from "../../src/store/pg/sql";
import { pgCampaigns } from "../../src/store/pg/campaigns";
import type { CampaignRecord } from "../../src/store";
import { connect, createDatabase, unique } from "./database";

// The raw SQL of the PostgreSQL campaign store (src/store/pg/campaigns.ts) on a real server,
// through the store's own `pg` connection (src/store/pg/sql.ts). The store makes no use of
// Prisma's model API (which is not reachable from Node: the client is generated for workerd).

let client: pg.Client;

function database(): Database {
  return {
    ...lazyConnection(async () => client),
    get model(): never {
      throw new Error("Prisma's model API is not available in this test");
    },
  };
}

function campaign(id: string): CampaignRecord {
  return {
    id, apiKeyId: "admin", reference: unique("ref"), requestHash: "h", topic: "newsletter", channel: "email", from: "Orleu <n@orleu.kz>",
    replyTo: null, content: { subject: { kk: "s" }, html: { kk: "h" }, text: { kk: "t" } }, sendAt: new Date().toISOString(),
    createdAt: new Date().toISOString(), sendCheckId: "sc_x", recipients: 3, duplicates: 0, blockedAtStart: {}, batches: 2, cancelledAt: null, failedAt: null, digest: false,
  };
}

beforeAll(async () => {
  client = await connect(await createDatabase({ migrated: true }));
  const now = new Date().toISOString();
  for (const id of ["ct_a", "ct_b", "ct_c"]) {
    await client.query("INSERT INTO contacts (id, email, locale, created_at, updated_at) VALUES ($1, $2, 'kk', $3, $3)", [id, `${id}@example.kz`, now]);
  }
});

describe("campaigns on PostgreSQL: the raw statements", () => {
  it("creates in batches, claims, records sent, counts, ties a bounce back, and cancels what is queued", async () => {
    const store = pgCampaigns(database());
    expect(await store.create(campaign("cmp_1"), ["ct_a", "ct_b", "ct_c"], 2)).toEqual({ created: true });
    const rows = await client.query("SELECT contact_id, batch, position, status FROM campaign_recipients WHERE campaign_id = 'cmp_1' ORDER BY position");
    expect(rows.rows).toEqual([
      { contact_id: "ct_a", batch: 0, position: 0, status: "queued" },
      { contact_id: "ct_b", batch: 0, position: 1, status: "queued" },
      { contact_id: "ct_c", batch: 1, position: 2, status: "queued" },
    ]);
    const claimed = await store.claimBatch("cmp_1", 0, [
      { contactId: "ct_a", status: "sending", locale: "ru" },
      { contactId: "ct_b", status: "blocked", reason: "withdrawn_all" },
    ]);
    expect(claimed).toEqual([{ contactId: "ct_a", locale: "ru", email: "ct_a@example.kz" }]);
    await store.recordSent("cmp_1", 0, [{ contactId: "ct_a", messageId: "em_1" }], new Date().toISOString());
    expect(await store.noteDelivery("em_1", "bounced")).toBe(true);
    expect(await store.noteDelivery("em_unknown", "bounced")).toBe(false);
    expect(await store.cancel("cmp_1", new Date().toISOString())).toBe("cancelled");
    expect(await store.claimBatch("cmp_1", 1, [{ contactId: "ct_c", status: "sending", locale: "kk" }])).toEqual([]);
    const progress = await store.progress("cmp_1");
    expect(progress.byStatus).toEqual({ sent: 1, blocked: 1, cancelled: 1 });
    expect(progress.blockedByReason).toEqual({ withdrawn_all: 1 });
    expect(progress.deliveries).toEqual({ bounced: 1, complained: 0 });
    expect(progress.batchesDone).toBe(2);
  });

  it("reads a campaign by id and by reference, opens a batch, fails a batch, and marks a campaign failed", async () => {
    const store = pgCampaigns(database());
    const record = campaign("cmp_2");
    expect(await store.create(record, ["ct_a", "ct_b", "ct_c"], 2)).toEqual({ created: true });
    expect(await store.get("cmp_2")).toEqual(record);
    expect(await store.get("cmp_unknown")).toBeUndefined();
    // The same reference again answers the campaign already made.
    expect(await store.create({ ...record, id: "cmp_2b" }, ["ct_a"], 2)).toEqual({ existing: record });
    expect(await store.findByReference("admin", record.reference)).toEqual(record);
    expect(await store.findByReference("other_key", record.reference)).toBeUndefined();
    expect(await store.openBatch("cmp_2", 0)).toEqual({ queued: ["ct_a", "ct_b"], sending: [] });
    await store.claimBatch("cmp_2", 0, [{ contactId: "ct_a", status: "sending", locale: "kk" }]);
    expect(await store.openBatch("cmp_2", 0)).toEqual({ queued: ["ct_b"], sending: [{ contactId: "ct_a", locale: "kk", email: "ct_a@example.kz" }] });
    await store.failBatch("cmp_2", 0, "provider_rejected", "422 from the provider");
    expect(await store.openBatch("cmp_2", 0)).toEqual({ queued: [], sending: [] });
    const failed = await client.query("SELECT contact_id, status, reason, detail FROM campaign_recipients WHERE campaign_id = 'cmp_2' AND batch = 0 ORDER BY position");
    expect(failed.rows).toEqual([
      { contact_id: "ct_a", status: "failed", reason: "provider_rejected", detail: "422 from the provider" },
      { contact_id: "ct_b", status: "failed", reason: "provider_rejected", detail: "422 from the provider" },
    ]);
    const at = new Date().toISOString();
    await store.markFailed("cmp_2", at);
    expect((await store.get("cmp_2"))?.failedAt).toBe(at);
    expect(await store.openBatch("cmp_2", 1)).toEqual({ queued: [], sending: [] });
    expect(await store.cancel("cmp_2", at)).toBe("already");
    expect(await store.cancel("cmp_unknown", at)).toBe("unknown");
  });
});
