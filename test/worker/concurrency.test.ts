import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, createContact, expectStatus, freshEmail, grant, withdraw } from "./api";

// Many writes for one person at the same moment (issue 10): through the API and the links
// only, so the same file proves it on D1 and on PostgreSQL (the worker-postgres project).

interface LedgerEvent {
  seq: number;
  topic: string;
  channel: string;
  status: string;
  source: string;
  occurredAt: string;
}

async function ledger(contactId: string) {
  const response = await call("GET", `/v1/contacts/${contactId}/consents`);
  expectStatus(response, 200);
  return response.body as { state: { consents: { topic: string; channel: string; status: string }[] }; events: LedgerEvent[] };
}

/** The state each scope should have: its latest grant, withdrawal or clearing by occurrence, then seq. */
function lastWords(events: LedgerEvent[]) {
  const last = new Map<string, LedgerEvent>();
  for (const e of events.filter((e) => ["granted", "withdrawn", "cleared"].includes(e.status))) {
    const key = `${e.topic} ${e.channel}`;
    const seen = last.get(key);
    if (!seen || e.occurredAt > seen.occurredAt || (e.occurredAt === seen.occurredAt && e.seq > seen.seq)) last.set(key, e);
  }
  return [...last.values()]
    .filter((e) => e.status !== "cleared")
    .map((e) => `${e.topic} ${e.channel} ${e.status}`)
    .sort();
}

async function unsubscribeUrl(contactId: string) {
  const checked = await call("POST", "/v1/send-checks", { body: { topic: "newsletter", channel: "email", recipients: [{ contactId }] } });
  expectStatus(checked, 200);
  return checked.body.allowed[0].unsubscribe.url as string;
}

const post = (url: string, body: string) =>
  exports.default.fetch(new Request(url, { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded" } }));

describe("many writes for one person at once", () => {
  it("40 creates of one new address make one contact, with every request's event", async () => {
    const email = freshEmail();
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => call("POST", "/v1/contacts", { body: { email, consents: [grant("newsletter", "email", { evidence: { request: i } })] } })),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([...Array(39).fill(200), 201]);
    const ids = new Set(responses.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    const { events } = await ledger([...ids][0]);
    expect(events).toHaveLength(40);
  });

  it("30 one-click withdrawals of one scope record one withdrawal, and every click answers 200", async () => {
    const contact = await createContact({ email: freshEmail(), consents: [grant("*", "*")] });
    const url = await unsubscribeUrl(contact.id);
    const responses = await Promise.all(Array.from({ length: 30 }, () => post(url, "List-Unsubscribe=One-Click")));
    expect(responses.map((r) => r.status)).toEqual(Array(30).fill(200));
    const { events } = await ledger(contact.id);
    expect(events.filter((e) => e.status === "withdrawn")).toHaveLength(1);
  });

  it("one-click, the unsubscribe page and the API at once: the state is the ledger's last word on every scope", async () => {
    const contact = await createContact({ email: freshEmail(), consents: [grant("*", "*")] });
    const url = await unsubscribeUrl(contact.id);
    // Distinct moments in the past, so "the last word" does not depend on who commits first.
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
    const api = (consents: object[]) => call("POST", "/v1/contacts", { body: { email: contact.email, consents } });
    const responses = await Promise.all([
      post(url, "List-Unsubscribe=One-Click"),
      post(url, "scope=channel"),
      post(url, "scope=everything"),
      api([grant("newsletter", "email", { occurredAt: at(1) })]),
      api([withdraw("newsletter", "email", { occurredAt: at(2) })]),
      api([grant("*", "email", { occurredAt: at(3) }), grant("event_invitations", "email", { occurredAt: at(3) })]),
      api([withdraw("event_invitations", "email")]),
      api([grant("*", "*", { occurredAt: at(4) })]),
      api([withdraw("surveys_research", "*")]),
      api([grant("surveys_research", "*", { occurredAt: at(5) })]),
    ]);
    for (const response of responses) expect(response.status).toBeLessThan(300);
    const { state, events } = await ledger(contact.id);
    // The create's grant and the API's eight events are always written; a link's withdrawal
    // only when its scope is not already withdrawn by then (withdrawOnce), so 0 to 3 of those.
    const fromLinks = events.filter((e) => e.source === "one_click" || e.source === "unsubscribe_page");
    expect(events.length - fromLinks.length).toBe(9);
    expect(fromLinks.length).toBeLessThanOrEqual(3);
    expect(state.consents.map((s) => `${s.topic} ${s.channel} ${s.status}`).sort()).toEqual(lastWords(events));
  });
});
