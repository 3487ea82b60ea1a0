import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { createStore } from "../../src/store";
import { createContact, freshEmail, grant, withdraw } from "./api";
import { sql } from "./db";

// The ledger counted per Astana day as events are written (prisma/migrations/0018), for the
// console's trends. Other test files write today's events at the same time, so each test
// counts on a past day of its own and reads only that day.

const store = () => createStore(env, env.ADDRESS_HASH_KEY!);

/** A day between 2015 and 2024 no other test picks: the counts of it are this test's alone. */
function pastDay(): string {
  const start = Date.UTC(2015, 0, 1);
  const days = Math.floor(Math.random() * 3650);
  return new Date(start + days * 86_400_000).toISOString().slice(0, 10);
}

function dayAfter(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

async function countsOn(day: string, filter: { topic?: string; channel?: string } = {}) {
  const rows = await store().consentCounts.perDay({ since: day, ...filter });
  return Object.fromEntries(rows.filter((r) => r.day === day).map((r) => [r.kind, r.count]));
}

/** A ledger event the API cannot write (a complaint, a bounce), as the webhook's flow writes it. */
async function ledgerEvent(contactId: string, event: { topic: string; channel: string; status: string; source: string; occurredAt: string }) {
  await sql.run(
    `INSERT INTO consent_events (id, contact_id, topic, channel, status, source, occurred_at, recorded_at, policy_version, actor, evidence)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, '2025-01', 'resend', '{}')`,
    `ev_${crypto.randomUUID()}`,
    contactId,
    event.topic,
    event.channel,
    event.status,
    event.source,
    event.occurredAt,
    new Date().toISOString(),
  );
}

describe("day counts of the ledger", () => {
  it("counts grants, withdrawals, complaints and bounces on the Astana day they occurred, before and after folding", async () => {
    const day = pastDay();
    const contact = await createContact({
      email: freshEmail(),
      consents: [
        grant("newsletter", "email", { occurredAt: `${day}T04:00:00Z` }),
        grant("event_invitations", "email", { occurredAt: `${day}T05:00:00Z` }),
        withdraw("newsletter", "email", { occurredAt: `${day}T06:00:00Z` }),
        // 19:30 UTC is 00:30 the next day in Astana.
        grant("surveys_research", "email", { occurredAt: `${day}T19:30:00Z` }),
      ],
    });
    await ledgerEvent(contact.id, { topic: "*", channel: "email", status: "withdrawn", source: "complaint", occurredAt: `${day}T07:00:00Z` });
    await ledgerEvent(contact.id, { topic: "*", channel: "email", status: "suppressed", source: "bounce", occurredAt: `${day}T08:00:00Z` });
    // Statuses that are not a choice are not counted.
    await ledgerEvent(contact.id, { topic: "event_invitations", channel: "email", status: "pending", source: "web_form", occurredAt: `${day}T09:00:00Z` });

    const expected = { granted: 2, withdrawn: 1, complained: 1, bounced: 1 };
    expect(await countsOn(day)).toEqual(expected);
    expect(await countsOn(dayAfter(day))).toEqual({ granted: 1 });
    expect(await countsOn(day, { topic: "newsletter" })).toEqual({ granted: 1, withdrawn: 1 });
    expect(await countsOn(day, { topic: "*", channel: "email" })).toEqual({ complained: 1, bounced: 1 });
    expect(await countsOn(day, { channel: "sms" })).toEqual({});

    // Folding moves the deltas into the day counts and changes no total; folding again, nothing.
    expect(await store().consentCounts.compact()).toBeGreaterThanOrEqual(6);
    expect(await sql.value("SELECT COUNT(*) FROM consent_count_deltas WHERE day = ?1", day)).toBe(0);
    expect(await countsOn(day)).toEqual(expected);
    expect(await countsOn(dayAfter(day))).toEqual({ granted: 1 });

    // A later event of the same day adds to the folded count.
    await createContact({ email: freshEmail(), consents: [grant("newsletter", "email", { occurredAt: `${day}T10:00:00Z` })] });
    expect(await countsOn(day)).toEqual({ ...expected, granted: 3 });
    await store().consentCounts.compact();
    expect(await countsOn(day)).toEqual({ ...expected, granted: 3 });
  });

  it("reads from the day asked on: earlier days are left out", async () => {
    const day = pastDay();
    await createContact({ email: freshEmail(), consents: [grant("newsletter", "email", { occurredAt: `${day}T10:00:00Z` })] });
    const rows = await store().consentCounts.perDay({ since: dayAfter(day), topic: "newsletter", channel: "email" });
    expect(rows.every((r) => r.day > day)).toBe(true);
    expect(rows.some((r) => r.day === day)).toBe(false);
  });

  it("is folded by the Worker's cron", async () => {
    const day = pastDay();
    await createContact({ email: freshEmail(), consents: [grant("advertising", "sms", { occurredAt: `${day}T10:00:00Z` })] });
    expect(await sql.value("SELECT COUNT(*) FROM consent_count_deltas WHERE day = ?1", day)).toBe(1);
    const ctx = createExecutionContext();
    await worker.scheduled!(createScheduledController({ cron: "*/10 * * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await sql.value("SELECT COUNT(*) FROM consent_count_deltas WHERE day = ?1", day)).toBe(0);
    expect(await countsOn(day, { topic: "advertising" })).toEqual({ granted: 1 });
  });
});
