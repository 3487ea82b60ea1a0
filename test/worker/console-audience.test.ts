import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { astanaDays } from "../../src/audience/trends";
import { createApp } from "../../src/app";
import { AudiencePage } from "../../src/http/pages/console/audience";
import { createStore } from "../../src/store";
import type { ReachSnapshot } from "../../src/store/types";
import { ADMIN_KEY, call, createContact, expectStatus, freshEmail, freshPhone, grant, noonInKazakhstan, unique, withdraw } from "./api";
import { sql } from "./db";
import { resendEnv } from "./mail";

/**
 * The console's audience page (/admin/audience) without a browser: who may open it, the
 * filter's refusals, and its numbers on data of this file's own. PostgreSQL is shared by the
 * whole run, so the trends are seeded on a past day of the last 90 and a topic and channel
 * (partner offers by SMS) other files hardly write; the reach snapshot is one row others
 * replace too, so it is read back until it is this file's. test/browser/console-audience.test.ts
 * draws the same in Chromium.
 */
const app = createApp();
const BASE = "https://prefs.test";
const TOPIC = "partner_offers";
const CHANNEL = "sms";
const store = () => createStore(env, env.ADDRESS_HASH_KEY!);

async function page(path: string, cookie?: string) {
  const ctx = createExecutionContext();
  const request = new Request(BASE + path, { headers: { Origin: BASE, "CF-Connecting-IP": `198.51.100.7-${unique()}`, ...(cookie ? { Cookie: cookie } : {}) }, redirect: "manual" });
  const response = await app.fetch(request, resendEnv(), ctx);
  const text = await response.text();
  await waitOnExecutionContext(ctx);
  return { status: response.status, headers: response.headers, text };
}

async function sessionOf(key: string): Promise<string> {
  const ctx = createExecutionContext();
  const request = new Request(`${BASE}/admin/sign-in`, {
    method: "POST",
    body: new URLSearchParams({ key, next: "/admin/audience" }),
    headers: { Origin: BASE, "CF-Connecting-IP": `198.51.100.8-${unique()}` },
    redirect: "manual",
  });
  const response = await app.fetch(request, resendEnv(), ctx);
  await waitOnExecutionContext(ctx);
  expect(response.status, await response.text()).toBe(303);
  return (response.headers.get("Set-Cookie") ?? "").split(";")[0]!;
}

async function keyWith(scopes: string[]) {
  const response = await call("POST", "/v1/api-keys", { body: { name: "audience test", scopes } });
  expectStatus(response, 201);
  return (response.body as { key: string }).key;
}

/** A day of the last 90 (Astana), 20 to 79 days ago: other files write today's. */
function recentPastDay(): string {
  const days = astanaDays(new Date());
  return days[10 + Math.floor(Math.random() * 60)]!;
}

/** A ledger event the API does not write (a complaint), as the delivery webhook's flow writes it. */
async function ledgerEvent(contactId: string, event: { topic: string; channel: string; status: string; source: string; occurredAt: string }) {
  await sql.run(
    `INSERT INTO consent_events (id, contact_id, topic, channel, status, source, occurred_at, recorded_at, policy_version, actor, evidence)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, '2025-01', 'resend', '{}')`,
    `ev_${crypto.randomUUID()}`, contactId, event.topic, event.channel, event.status, event.source, event.occurredAt, new Date().toISOString(),
  );
}

/** The bar a chart draws for a day ("" when it draws none), and the trends table's row. */
function bar(html: string, chart: string, day: string): string {
  const svg = new RegExp(`<svg[^>]*data-chart="${chart}"[^>]*>([\\s\\S]*?)</svg>`).exec(html)?.[1] ?? "";
  return new RegExp(`data-day="${day}" data-value="([^"]*)"`).exec(svg)?.[1] ?? "";
}

function tableCell(html: string, table: string, day: string, kind: string): string {
  const body = new RegExp(`<table[^>]*data-table="${table}"[^>]*>([\\s\\S]*?)</table>`).exec(html)?.[1] ?? "";
  const row = new RegExp(`<tr data-day="${day}">([\\s\\S]*?)</tr>`).exec(body)?.[1] ?? "";
  return new RegExp(`<td data-kind="${kind}"[^>]*>([\\s\\S]*?)</td>`).exec(row)?.[1] ?? "";
}

describe("the audience page: who may open it", () => {
  it("sends a signed-out browser to the sign-in page, and back here after", async () => {
    const signedOut = await page("/admin/audience?topic=newsletter");
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get("Location")).toBe(`/admin/sign-in?next=${encodeURIComponent("/admin/audience")}`);
  });

  it("needs contacts:read besides console (403 naming it), and opens with both", async () => {
    const consoleOnly = await page("/admin/audience", await sessionOf(await keyWith(["console"])));
    expect(consoleOnly.status).toBe(403);
    expect(consoleOnly.text).toContain("contacts:read");
    const reader = await page("/admin/audience?lang=en", await sessionOf(await keyWith(["console", "contacts:read"])));
    expect(reader.status, reader.text).toBe(200);
    expect(reader.text).toContain("<h1>Audience</h1>");
    expect(reader.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
  });

  it("is the console's first page: /admin goes there, and it leads the navigation", async () => {
    const cookie = await sessionOf(ADMIN_KEY!);
    const root = await page("/admin", cookie);
    expect(root.status).toBe(303);
    expect(root.headers.get("Location")).toBe("/admin/audience");
    const people = await page("/admin/people?lang=en", cookie);
    expect(people.text.indexOf('href="/admin/audience"')).toBeGreaterThan(-1);
    expect(people.text.indexOf('href="/admin/audience"')).toBeLessThan(people.text.indexOf("<strong aria-current=\"page\">People</strong>"));
  });
});

describe("the audience page: the filter", () => {
  it.each([
    ["topic=no_such_topic", "topic"],
    ["channel=fax", "channel"],
    ["channel=EMAIL", "channel"],
    ["topic=**", "topic"],
    ["topic=newsletter&channel=%00", "channel"],
  ])("answers 400 with the form for %s", async (query, field) => {
    const cookie = await sessionOf(ADMIN_KEY!);
    const response = await page(`/admin/audience?lang=en&${query}`, cookie);
    expect(response.status, response.text).toBe(400);
    expect(response.text).toContain('role="alert"');
    expect(response.text).toContain(`“${field === "topic" ? "Topic" : "Channel"}” is not one of the choices`);
    expect(response.text).toContain(`<select id="filter-${field}" name="${field}" aria-invalid="true">`);
    expect(response.text).toContain('<form class="filter" method="get" action="/admin/audience"');
    expect(response.text).not.toContain("<svg");
  });

  it("takes any topic, one topic, or what was recorded for all at once, and each channel", async () => {
    const cookie = await sessionOf(ADMIN_KEY!);
    for (const query of ["", "topic=", "topic=*", "topic=event_invitations&channel=email", "channel=*", "channel=telegram&topic=surveys_research"]) {
      const response = await page(`/admin/audience?${query}`, cookie);
      expect(response.status, `${query}: ${response.text}`).toBe(200);
    }
  });
});

describe("the audience page: its numbers", () => {
  it("draws each day's grants and withdrawals of one topic and channel, and lists them", async () => {
    const day = recentPastDay();
    const cookie = await sessionOf(ADMIN_KEY!);
    for (let i = 0; i < 3; i++) {
      await createContact({
        phone: freshPhone(),
        consents: [grant(TOPIC, CHANNEL, { occurredAt: `${day}T04:00:00Z` }), ...(i === 0 ? [withdraw(TOPIC, CHANNEL, { occurredAt: `${day}T09:00:00Z` })] : [])],
      });
    }
    const response = await page(`/admin/audience?lang=en&topic=${TOPIC}&channel=${CHANNEL}`, cookie);
    expect(response.status, response.text).toBe(200);
    expect(bar(response.text, "granted", day)).toBe("3");
    expect(bar(response.text, "withdrawn", day)).toBe("1");
    expect(tableCell(response.text, "trends", day, "granted")).toBe("3");
    expect(tableCell(response.text, "trends", day, "withdrawn")).toBe("1");
    // Another channel's chart does not have them.
    const email = await page(`/admin/audience?lang=en&topic=${TOPIC}&channel=email`, cookie);
    expect(tableCell(email.text, "trends", day, "granted")).not.toBe("3");
    // 90 days, today the last.
    const days = astanaDays(new Date());
    expect(response.text).toContain(`<tr data-day="${days[0]}">`);
    expect(response.text).toContain(`<tr data-day="${days.at(-1)}">`);
    expect(response.text).not.toContain(`<tr data-day="${astanaDays(new Date(), 91)[0]}">`);
  });

  it("counts what a committed send check sent, on its Astana day, once", async () => {
    const contacts = [];
    for (let i = 0; i < 2; i++) contacts.push(await createContact({ phone: freshPhone(), consents: [grant(TOPIC, CHANNEL)] }));
    const sendAt = noonInKazakhstan();
    const day = sendAt.slice(0, 10);
    const sent = async () => (await store().audience.perDay({ since: day, topic: TOPIC, channel: CHANNEL })).find((r) => r.day === day && r.kind === "sent")?.count ?? 0;
    const before = await sent();
    const check = await call("POST", "/v1/send-checks", { body: { topic: TOPIC, channel: CHANNEL, sendAt, commit: true, recipients: contacts.map((c) => ({ contactId: c.id })) } });
    expectStatus(check, 200);
    expect(check.body.allowed).toHaveLength(2);
    expect(await sent()).toBe(before + 2);
    // Without commit nothing was sent.
    expectStatus(await call("POST", "/v1/send-checks", { body: { topic: TOPIC, channel: CHANNEL, sendAt, recipients: contacts.map((c) => ({ contactId: c.id })) } }), 200);
    expect(await sent()).toBe(before + 2);
    // Folded by the cron, the count stays; the sends log may lose its rows (an erasure), the count does not.
    await store().audience.compact();
    expectStatus(await call("DELETE", `/v1/contacts/${contacts[0]!.id}`), 200);
    expect(await sent()).toBe(before + 2);
  });

  it("gives the email complaint rate per day next to 0.1 % and 0.3 %, none on a day without sends", async () => {
    const days = astanaDays(new Date());
    const [sendDay, quietDay] = [days[15 + Math.floor(Math.random() * 30)]!, days[50 + Math.floor(Math.random() * 30)]!];
    const contact = await createContact({ email: freshEmail(), consents: [grant("newsletter", "email")] });
    // 400 emails sent on one day (as a campaign's batches record them), 2 complaints that day; 1 complaint on a day nothing was sent.
    const origin = `cm_${unique()}`;
    for (let i = 0; i < 400; i += 100) {
      const values = Array.from({ length: 100 }, (_, j) => `(?1, 'email', '${sendDay}T0${(i + j) % 10}:00:${String((i + j) % 60).padStart(2, "0")}.${String(i + j).padStart(3, "0")}Z', 'newsletter', ?2)`);
      await sql.run(`INSERT INTO sends (contact_id, channel, sent_at, topic, origin) VALUES ${values.join(", ")}`, contact.id, origin);
    }
    for (const at of [`${sendDay}T10:00:00Z`, `${sendDay}T11:00:00Z`, `${quietDay}T10:00:00Z`]) {
      await ledgerEvent(contact.id, { topic: "*", channel: "email", status: "withdrawn", source: "complaint", occurredAt: at });
    }
    const response = await page("/admin/audience?lang=en&topic=event_invitations", await sessionOf(ADMIN_KEY!));
    expect(response.status, response.text).toBe(200);
    // The rate is email's over every topic, whatever topic the filter names.
    expect(bar(response.text, "rate", sendDay)).toBe(String(2 / 400));
    expect(tableCell(response.text, "rate", sendDay, "sent")).toBe("400");
    expect(tableCell(response.text, "rate", sendDay, "complained")).toBe("2");
    expect(tableCell(response.text, "rate", sendDay, "rate")).toBe("0.5%");
    // No sends, no rate: no bar, and the table says nothing was sent (not 0 %, not infinity).
    expect(bar(response.text, "rate", quietDay)).toBe("");
    expect(tableCell(response.text, "rate", quietDay, "rate")).toContain("nothing sent");
    expect(response.text).toContain('data-line="0.001"');
    expect(response.text).toContain('data-line="0.003"');
    // The 90 days' figure in words; exact where the database is this file's alone (D1).
    const overall = /<p id="rate-overall" data-sent="(\d+)" data-complaints="(\d+)"[^>]*>([^<]*)<\/p>/.exec(response.text)!;
    expect(Number(overall[1])).toBeGreaterThanOrEqual(400);
    if (sql.dialect === "sqlite") {
      expect(overall[3]).toBe(`Over 90 days: ${overall[2]} complaints on ${Number(overall[1]).toLocaleString("en-US")} emails sent, that is ${new Intl.NumberFormat("en-US", { style: "percent", maximumSignificantDigits: 2 }).format(Number(overall[2]) / Number(overall[1]))}. This is above 0.3 %: Gmail and Yahoo start to reject the mail.`);
    }
  });

  it("shows the latest reach: allowed of all, and the others per reason with its code", async () => {
    const cookie = await sessionOf(ADMIN_KEY!);
    const computedAt = new Date(Date.now() - Math.floor(Math.random() * 1000) * 1000).toISOString();
    const snapshot: ReachSnapshot = {
      computedAt,
      contacts: 1200,
      cells: [
        { topic: "event_invitations", channel: "email", allowed: 700, reasons: { explicit_consent: 650, baseline_consent: 50, no_consent: 300, withdrawn_topic: 150, no_address: 50 } },
        { topic: "event_invitations", channel: "sms", allowed: 1200, reasons: { explicit_consent: 1200 } },
        { topic: "newsletter", channel: "email", allowed: 0, reasons: { no_consent: 1200 } },
      ],
    };
    // The snapshot is one row; another file's cron may replace it in between (PostgreSQL): write it again and look again.
    let text = "";
    for (let attempt = 0; attempt < 5 && !text.includes(`data-computed-at="${computedAt}"`); attempt++) {
      await store().audience.saveReach(snapshot);
      text = (await page("/admin/audience?lang=en&topic=event_invitations", cookie)).text;
    }
    expect(text).toContain(`data-computed-at="${computedAt}"`);
    expect(text).toContain("(hourly), over 1,200 contacts (not erased)");
    const row = /<tr data-topic="event_invitations" data-channel="email">([\s\S]*?)<\/tr>/.exec(text)![1]!;
    expect(row).toContain('data-allowed="700"');
    expect(row).toContain("700 of 1,200");
    expect([...row.matchAll(/<li data-reason="(\w+)" data-count="(\d+)">([^<]*)<\/li>/g)].map((m) => [m[1], m[2], m[3]])).toEqual([
      ["explicit_consent", "650", "explicit consent: 650"],
      ["baseline_consent", "50", "general consent: 50"],
      ["no_consent", "300", "no consent: 300"],
      ["withdrawn_topic", "150", "stopped this topic: 150"],
      ["no_address", "50", "no address for this channel: 50"],
    ]);
    expect(text).toContain('<tr data-topic="event_invitations" data-channel="sms">');
    // The topic filter keeps to its topic.
    expect(text).not.toContain('<tr data-topic="newsletter"');
  });

  it("says plainly when no reach was computed yet", async () => {
    const days = astanaDays(new Date());
    const zeros = () => days.map(() => 0);
    const html = String(
      AudiencePage({
        locale: "en",
        filter: { topic: "", channel: "" },
        days,
        trends: { granted: zeros(), withdrawn: zeros(), bounced: zeros(), complained: zeros() },
        email: { sent: zeros(), complained: zeros(), rates: days.map(() => null), overall: { sent: 0, complaints: 0, rate: null } },
      }),
    );
    expect(html).toContain('data-reach="none"');
    expect(html).toContain("Not computed yet");
    expect(html).not.toContain("<table class=\"reach\"");
    expect(html).toContain("No email was sent in the last 90 days");
    // And through the route, where the database is this file's alone.
    if (sql.dialect === "sqlite") {
      await sql.run("DELETE FROM audience_reach");
      const response = await page("/admin/audience?lang=en", await sessionOf(ADMIN_KEY!));
      expect(response.status).toBe(200);
      expect(response.text).toContain("Not computed yet");
    }
  });
});
