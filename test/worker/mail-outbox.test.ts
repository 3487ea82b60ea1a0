import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { createMailer } from "../../src/mail/outgoing";
import { call, expectStatus, freshEmail } from "./api";
import { sql } from "./db";
import { outboxEnv, outboxOf, preferencesLink } from "./mail";

/** A request to the Worker running in outbox mode (PUBLIC_BASE_URL on localhost, no RESEND_API_KEY), by default on this machine. */
async function fetchLocal(path: string, origin = "http://localhost:8787") {
  const response = await worker.fetch(new Request(`${origin}${path}`), outboxEnv(), {} as ExecutionContext);
  return { status: response.status, text: await response.text(), headers: response.headers };
}

async function rowsFor(key: string) {
  return sql.all<{ id: string; to_address: string; subject: string; html: string; text: string }>(
    "SELECT id, to_address, subject, html, text FROM dev_outbox WHERE idempotency_key = ?1",
    key,
  );
}

describe("the local outbox", () => {
  it("keeps each message once per idempotency key, rendered", async () => {
    const to = freshEmail();
    const key = `outbox-${crypto.randomUUID()}`;
    const mailer = createMailer(outboxEnv(), outboxOf(env));
    const message = preferencesLink("kk");
    const first = await mailer.send(to, message, key);
    const again = await mailer.send(to, message, key);
    expect(again.id).toBe(first.id);
    const rows = await rowsFor(key);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: first.id, to_address: to, subject: "Өрлеу: хабарлама баптауларыңызға сілтеме" });
    expect(rows[0]!.html).toContain('lang="kk"');
    expect(rows[0]!.text).toContain(message.url);
  });

  it("lists the newest first at /dev/outbox, with the plain text and a link to the HTML", async () => {
    const mailer = createMailer(outboxEnv(), outboxOf(env));
    const older = preferencesLink("en");
    const newer = preferencesLink("ru");
    const { id } = await mailer.send(freshEmail(), older, crypto.randomUUID());
    await new Promise((resolve) => setTimeout(resolve, 5));
    await mailer.send(freshEmail(), newer, crypto.randomUUID());

    const list = await fetchLocal("/dev/outbox");
    expect(list.status, list.text).toBe(200);
    expect(list.text.indexOf(newer.url)).toBeGreaterThan(-1);
    expect(list.text.indexOf(newer.url)).toBeLessThan(list.text.indexOf(older.url));
    expect(list.text).toContain(`href="/dev/outbox/${id}"`);

    const view = await fetchLocal(`/dev/outbox/${id}`);
    expect(view.status).toBe(200);
    expect(view.headers.get("Content-Type")).toMatch(/^text\/html/);
    expect(view.text).toContain(`href="${older.url}"`);
    expect((await fetchLocal("/dev/outbox/mail_nosuchmessage")).status).toBe(404);
  });

  it.each(["http://127.0.0.1:8787", "http://[::1]:8787"])("is served to a request that came to %s", async (origin) => {
    expect((await fetchLocal("/dev/outbox", origin)).status).toBe(200);
  });

  it.each(["http://example.org", "https://prefs.test", "http://192.168.1.20:8787", "http://localhost.example.org:8787"])(
    "does not exist for a request that came to %s, even in outbox mode",
    async (origin) => {
      const { id } = await createMailer(outboxEnv(), outboxOf(env)).send(freshEmail(), preferencesLink("en"), crypto.randomUUID());
      expect((await fetchLocal("/dev/outbox", origin)).status).toBe(404);
      expect((await fetchLocal(`/dev/outbox/${id}`, origin)).status).toBe(404);
    },
  );

  it("does not exist outside outbox mode", async () => {
    expectStatus(await call("GET", "/dev/outbox", { key: null }), 404);
    const withResend = await worker.fetch(
      new Request("http://localhost:8787/dev/outbox"),
      { ...outboxEnv(), RESEND_API_KEY: "re_x" },
      {} as ExecutionContext,
    );
    expect(withResend.status).toBe(404);
  });
});
