import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { CRONS } from "../../src/audience/scheduled";
import { RETENTION_DAYS } from "../../src/flows/prune-logs";
import worker from "../../src/index";
import { createContact, freshEmail, grant } from "./api";
import { sql } from "./db";

// The daily cron deletes what is past its retention (src/flows/prune-logs.ts) and nothing
// else. Rows are this test's own (its contact, its endpoint, its message ids); other test
// files' rows past retention may go too, which none of them relies on. Its sends lie
// outside the days test/worker/console-audience.test.ts counts sends on (the run's
// PostgreSQL is shared): more than 90 days ago, or yesterday.

const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();

async function runDailyCron() {
  const ctx = createExecutionContext();
  await worker.scheduled!(createScheduledController({ cron: CRONS.pruneLogs }), env, ctx);
  await waitOnExecutionContext(ctx);
}

describe("the daily clean-up of logs", () => {
  it("deletes sends, finished webhook deliveries and inbound webhook receipts past their retention, and keeps the rest", async () => {
    const contact = await createContact({ email: freshEmail(), consents: [grant("newsletter", "email")] });
    const oldSend = daysAgo(RETENTION_DAYS.sends + 40);
    const keptSend = daysAgo(1);
    for (const sentAt of [oldSend, keptSend]) {
      await sql.run("INSERT INTO sends (contact_id, channel, sent_at, topic, origin) VALUES (?1, 'email', ?2, 'newsletter', 'campaign')", contact.id, sentAt);
    }

    // An endpoint subscribed to nothing, so that other tests' writes make it no deliveries.
    const endpoint = `we_retention_${crypto.randomUUID()}`;
    await sql.run(
      "INSERT INTO webhook_endpoints (id, url, events, include_addresses, secret_seed, created_at, created_by) VALUES (?1, 'https://hooks.example.kz/x', 'none', 0, 'seed', ?2, 'test')",
      endpoint,
      daysAgo(400),
    );
    const old = daysAgo(RETENTION_DAYS.finishedEndpointDeliveries + 1);
    const deliveries = {
      oldDelivered: ["delivered", old],
      oldFailed: ["failed", old],
      // Still being retried: kept whatever its age.
      oldPending: ["pending", null],
      recentDelivered: ["delivered", daysAgo(1)],
    } as const;
    // Each already handed to the Queue (queued_at), as every delivery that was delivered,
    // failed or is being retried has been: an unqueued one is what a write's dispatch claims,
    // the oldest first, and another test file's write on the run's shared database would
    // claim these and move them while the clean-up deletes.
    for (const [name, [status, finishedAt]] of Object.entries(deliveries)) {
      await sql.run(
        "INSERT INTO webhook_endpoint_deliveries (id, endpoint_id, type, contact_id, created_at, status, finished_at, queued_at) VALUES (?1, ?2, 'consent.changed', ?3, ?4, ?5, ?6, ?4)",
        `${endpoint}_${name}`,
        endpoint,
        contact.id,
        old,
        status,
        finishedAt,
      );
    }

    const receipt = `retention_${crypto.randomUUID()}`;
    for (const [suffix, receivedAt] of [["old", daysAgo(RETENTION_DAYS.inboundWebhookReceipts + 1)], ["recent", daysAgo(2)]]) {
      await sql.run(
        "INSERT INTO webhook_deliveries (source, message_id, type, outcome, received_at) VALUES ('resend', ?1, 'email.bounced', 'hard_bounce', ?2)",
        `${receipt}_${suffix}`,
        receivedAt,
      );
    }

    await runDailyCron();

    expect(await sql.all("SELECT sent_at FROM sends WHERE contact_id = ?1", contact.id)).toEqual([{ sent_at: keptSend }]);
    const left = await sql.all<{ id: string }>("SELECT id FROM webhook_endpoint_deliveries WHERE endpoint_id = ?1 ORDER BY id", endpoint);
    expect(left.map((row) => row.id.slice(endpoint.length + 1))).toEqual(["oldPending", "recentDelivered"]);
    const receipts = await sql.all<{ message_id: string }>("SELECT message_id FROM webhook_deliveries WHERE message_id LIKE ?1", `${receipt}%`);
    expect(receipts.map((row) => row.message_id)).toEqual([`${receipt}_recent`]);
    // The contact's ledger, proof, is not a log: untouched.
    expect(await sql.value("SELECT COUNT(*) FROM consent_events WHERE contact_id = ?1", contact.id)).toBe(1);

    await sql.run("DELETE FROM webhook_endpoints WHERE id = ?1", endpoint);
  });

  it("runs only on its own schedule: the ten-minute cron deletes no old send", async () => {
    const contact = await createContact({ email: freshEmail(), consents: [grant("newsletter", "email")] });
    const oldSend = daysAgo(RETENTION_DAYS.sends + 40);
    await sql.run("INSERT INTO sends (contact_id, channel, sent_at, topic, origin) VALUES (?1, 'email', ?2, 'newsletter', 'campaign')", contact.id, oldSend);
    const ctx = createExecutionContext();
    await worker.scheduled!(createScheduledController({ cron: CRONS.foldCounts }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await sql.value("SELECT COUNT(*) FROM sends WHERE contact_id = ?1", contact.id)).toBe(1);
  });
});
