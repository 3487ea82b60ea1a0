import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { decideContact, SCOPES } from "../../src/audience/reach";
import { CRONS } from "../../src/audience/scheduled";
import worker from "../../src/index";
import { createStore } from "../../src/store";
import { call, createContact, expectStatus, freshEmail, freshPhone, grant, noonInKazakhstan, withdraw } from "./api";
import { signedBounce } from "./campaign-webhook";
import { sql } from "./db";

// What the console's audience page reads (prisma/migrations/0018): the ledger counted per
// Astana day as events are written, and who may be reached on each topic and channel.
// Other test files write today's events at the same time, so each count test counts on a
// past day of its own and reads only that day.

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
  const rows = await store().audience.perDay({ since: day, ...filter });
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
    expect(await store().audience.compact()).toBeGreaterThanOrEqual(6);
    expect(await sql.value("SELECT COUNT(*) FROM consent_count_deltas WHERE day = ?1", day)).toBe(0);
    expect(await countsOn(day)).toEqual(expected);
    expect(await countsOn(dayAfter(day))).toEqual({ granted: 1 });

    // A later event of the same day adds to the folded count.
    await createContact({ email: freshEmail(), consents: [grant("newsletter", "email", { occurredAt: `${day}T10:00:00Z` })] });
    expect(await countsOn(day)).toEqual({ ...expected, granted: 3 });
    await store().audience.compact();
    expect(await countsOn(day)).toEqual({ ...expected, granted: 3 });
  });

  it("reads from the day asked on: earlier days are left out", async () => {
    const day = pastDay();
    await createContact({ email: freshEmail(), consents: [grant("newsletter", "email", { occurredAt: `${day}T10:00:00Z` })] });
    const rows = await store().audience.perDay({ since: dayAfter(day), topic: "newsletter", channel: "email" });
    expect(rows.every((r) => r.day > day)).toBe(true);
    expect(rows.some((r) => r.day === day)).toBe(false);
  });

  it("is folded by the Worker's cron", async () => {
    const day = pastDay();
    await createContact({ email: freshEmail(), consents: [grant("advertising", "sms", { occurredAt: `${day}T10:00:00Z` })] });
    expect(await sql.value("SELECT COUNT(*) FROM consent_count_deltas WHERE day = ?1", day)).toBe(1);
    const ctx = createExecutionContext();
    await worker.scheduled!(createScheduledController({ cron: CRONS.foldCounts }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await sql.value("SELECT COUNT(*) FROM consent_count_deltas WHERE day = ?1", day)).toBe(0);
    expect(await countsOn(day, { topic: "advertising" })).toEqual({ granted: 1 });
  });
});

describe("the audience's reach", () => {
  /** Contacts whose decisions cover every reason the reach can give, but the erased. */
  async function everyKindOfContact() {
    const bounced = await createContact({ email: freshEmail(), consents: [grant("*", "*")] });
    expectStatus(await signedBounce(bounced.email!, `em_${crypto.randomUUID()}`), 200);
    const erasedEmail = freshEmail();
    const erased = await createContact({ email: erasedEmail, consents: [grant("*", "*")] });
    expectStatus(await call("DELETE", `/v1/contacts/${erased.id}`), 200);
    return [
      await createContact({ email: freshEmail(), consents: [grant("*", "*")] }),
      await createContact({ email: freshEmail(), phone: freshPhone(), consents: [grant("newsletter", "*"), withdraw("*", "sms")] }),
      await createContact({ email: freshEmail(), consents: [withdraw("*", "*")] }),
      await createContact({ email: freshEmail(), consents: [grant("newsletter", "email"), withdraw("newsletter", "*")] }),
      await createContact({ email: freshEmail(), consents: [grant("*", "email"), withdraw("offers_prices", "email")] }),
      await createContact({ phone: freshPhone(), consents: [grant("*", "*")] }),
      await createContact({ email: freshEmail(), doubleOptIn: true, consents: [grant("advertising", "email")] }),
      bounced,
      await createContact({ email: freshEmail(), consents: [grant("*", "*"), { topic: "*", channel: "*", status: "paused", until: new Date(Date.now() + 30 * 86_400_000).toISOString(), source: "api" }] }),
      await createContact({ email: freshEmail(), consents: [grant("*", "*"), { topic: "newsletter", channel: "*", status: "digest", source: "api" }] }),
      // Advertising's grant holds 24 months.
      await createContact({ email: freshEmail(), consents: [grant("advertising", "email", { occurredAt: "2023-01-10T09:00:00Z" })] }),
      // The erased person's address, given again without a new grant: still blocked as erased.
      await createContact({ email: erasedEmail, consents: [withdraw("surveys_research", "email")] }),
    ];
  }

  async function allAudienceRows() {
    const rows = [];
    for (let after: string | null = null; ; ) {
      const page = await store().audience.contactsPage({ after, limit: 500 });
      rows.push(...page);
      if (page.length < 500) return rows;
      after = page.at(-1)!.id;
    }
  }

  it("decides every contact on every topic and channel exactly as the send check does", async () => {
    const contacts = await everyKindOfContact();
    const mine = new Set(contacts.map((c) => c.id));
    const rows = (await allAudienceRows()).filter((row) => mine.has(row.id));
    expect(rows.map((r) => r.id).sort()).toEqual([...mine].sort());
    const fromAudience = new Map(rows.flatMap((row) => decideContact(row, new Date()).map((d) => [`${row.id} ${d.topic} ${d.channel}`, d.decision.reason])));

    const reasonsSeen = new Set<string>();
    for (const { topic, channel } of SCOPES) {
      const check = await call("POST", "/v1/send-checks", {
        body: { topic: topic.key, channel, sendAt: noonInKazakhstan(), recipients: contacts.map((c) => ({ contactId: c.id })) },
      });
      expectStatus(check, 200);
      const answered = [
        ...check.body.allowed.map((a: { recipient: { contactId: string }; reason?: string }) => [a.recipient.contactId, a.reason ?? "allowed"]),
        ...check.body.blocked.map((b: { recipient: { contactId: string }; reason: string }) => [b.recipient.contactId, b.reason]),
      ];
      for (const [id, reason] of answered) {
        reasonsSeen.add(reason);
        const audience = fromAudience.get(`${id} ${topic.key} ${channel}`);
        if (reason === "allowed") expect(["explicit_consent", "baseline_consent"], `${id} ${topic.key} ${channel}`).toContain(audience);
        else expect(audience, `${id} ${topic.key} ${channel}`).toBe(reason);
      }
    }
    // The contacts above reach every block the reach can give (sending windows and caps are not the audience's).
    expect([...reasonsSeen].sort()).toEqual(
      ["allowed", "consent_expired", "digest_only", "erased", "no_address", "no_consent", "paused", "pending_confirmation", "suppressed", "withdrawn_all", "withdrawn_channel", "withdrawn_topic", "withdrawn_topic_channel"].sort(),
    );
  });

  it("is computed by the hourly cron and kept as the latest", async () => {
    const contacts = await everyKindOfContact();
    const ctx = createExecutionContext();
    await worker.scheduled!(createScheduledController({ cron: CRONS.computeReach }), env, ctx);
    await waitOnExecutionContext(ctx);
    const reach = (await store().audience.latestReach())!;
    expect(Date.now() - Date.parse(reach.computedAt)).toBeLessThan(60_000);
    expect(reach.cells.map((c) => `${c.topic} ${c.channel}`)).toEqual(SCOPES.map(({ topic, channel }) => `${topic.key} ${channel}`));
    for (const cell of reach.cells) {
      expect(Object.values(cell.reasons).reduce((a, b) => a + b, 0)).toBe(reach.contacts);
      expect(cell.allowed).toBe((cell.reasons.explicit_consent ?? 0) + (cell.reasons.baseline_consent ?? 0));
    }
    // The run's PostgreSQL is shared by test files running at once; D1 is this file's alone,
    // so there the reach is exactly every contact's decisions added up.
    if (sql.dialect === "sqlite") {
      const rows = await allAudienceRows();
      expect(reach.contacts).toBe(rows.length);
      const added = new Map<string, Record<string, number>>();
      for (const row of rows) {
        for (const { topic, channel, decision } of decideContact(row, new Date())) {
          const cell = added.get(`${topic} ${channel}`) ?? {};
          cell[decision.reason] = (cell[decision.reason] ?? 0) + 1;
          added.set(`${topic} ${channel}`, cell);
        }
      }
      for (const cell of reach.cells) expect(cell.reasons).toEqual(added.get(`${cell.topic} ${cell.channel}`));
    }
    expect(reach.contacts).toBeGreaterThanOrEqual(contacts.length);
  });
});
