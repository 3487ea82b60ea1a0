import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfigError } from "../../src/config";
import { createMailer, MailError } from "../../src/mail/outgoing";
import { freshEmail } from "./api";
import { envWith, fakeResend, outboxOf, preferencesLink, requestsTo, resendEnv, scriptFake } from "./mail";

const send = (to: string, key = crypto.randomUUID(), env = resendEnv()) => createMailer(env, outboxOf(env)).send(to, preferencesLink("ru"), key);

async function expectMailError(promise: Promise<unknown>, pattern: RegExp) {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(MailError);
  expect((error as Error).message).toMatch(pattern);
}

describe("mail through Resend (a local fake of its API)", () => {
  afterEach(() => vi.restoreAllMocks());

  it("sends with the key, the idempotency key and the rendered mail, and returns Resend's id", async () => {
    const to = freshEmail();
    const { id } = await send(to, "pref-link-1");
    const [request] = await requestsTo(to);
    expect(id).toMatch(/^fake-/);
    expect(request).toMatchObject({ authorization: `Bearer ${fakeResend.apiKey}`, idempotencyKey: "pref-link-1", answer: 200 });
    // The SDK's, which Resend requires (the fake refuses a request without it, as Resend does with 403).
    expect(request!.userAgent).toMatch(/^resend-node:\d+\.\d+/);
    expect(request!.body).toMatchObject({ from: "Orleu <no-reply@example.kz>", to: [to], subject: "Өрлеу: ссылка на настройки рассылок" });
    const body = request!.body as { html: string; text: string };
    expect(body.html).toContain('lang="ru"');
    expect(body.text).toContain("https://prefs.test/p/tok");
  });

  it("sends once per idempotency key: the same key again gets the same id", async () => {
    const to = freshEmail();
    const mailer = createMailer(resendEnv(), outboxOf(resendEnv()));
    const message = preferencesLink("en");
    const first = await mailer.send(to, message, "same-key-" + to);
    const again = await mailer.send(to, message, "same-key-" + to);
    expect(again.id).toBe(first.id);
  });

  it("retries a 500 with the same idempotency key", async () => {
    const to = freshEmail();
    await scriptFake(to, [{ status: 500 }]);
    const { id } = await send(to, "retry-500");
    const requests = await requestsTo(to);
    expect(id).toMatch(/^fake-/);
    expect(requests.map((r) => [r.answer, r.idempotencyKey])).toEqual([
      [500, "retry-500"],
      [200, "retry-500"],
    ]);
  });

  it("waits as long as a 429's Retry-After asks, then retries", async () => {
    const to = freshEmail();
    await scriptFake(to, [{ status: 429, retryAfter: "1" }]);
    const started = Date.now();
    await send(to);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect((await requestsTo(to)).map((r) => r.answer)).toEqual([429, 200]);
  });

  it("fails at once on a 429 that asks for a longer wait than a person should make", async () => {
    const to = freshEmail();
    await scriptFake(to, [{ status: 429, retryAfter: "120" }]);
    await expectMailError(send(to), /429/);
    expect(await requestsTo(to)).toHaveLength(1);
  });

  it("never retries a 422, and says what Resend answered", async () => {
    const to = freshEmail();
    await scriptFake(to, [{ status: 422 }]);
    await expectMailError(send(to), /1 attempt\(s\): answered 422 \(scripted\)/);
    expect(await requestsTo(to)).toHaveLength(1);
  });

  it("gives up after three attempts, and logs no address", async () => {
    const to = freshEmail();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    await scriptFake(to, [{ status: 503 }, { status: 502 }, { status: 500 }]);
    await expectMailError(send(to), /3 attempt\(s\): answered 500/);
    expect(await requestsTo(to)).toHaveLength(3);
    expect(warn).toHaveBeenCalledTimes(3);
    expect(JSON.stringify(warn.mock.calls)).not.toContain(to);
  });

  it("retries after the connection drops", async () => {
    const to = freshEmail();
    await scriptFake(to, [{ drop: true }]);
    await send(to, "after-drop");
    expect((await requestsTo(to)).map((r) => [r.answer, r.idempotencyKey])).toEqual([
      ["dropped", "after-drop"],
      [200, "after-drop"],
    ]);
  });

  it("fails with MailError when Resend cannot be reached", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    // A port on this machine nothing listens on (the fake's own, with the last digit changed, is not safe).
    const env = resendEnv({ RESEND_BASE_URL: "http://127.0.0.1:9" });
    await expectMailError(send(freshEmail(), undefined, env), /3 attempt\(s\): network error/);
  });

  it("refuses a wrong key with the fake's 401, unretried", async () => {
    const to = freshEmail();
    await expectMailError(send(to, undefined, resendEnv({ RESEND_API_KEY: "re_wrong" })), /401 \(missing_api_key\)/);
    expect(await requestsTo(to)).toHaveLength(1);
  });
});

describe("mail configuration", () => {
  const configError = (changes: Parameters<typeof envWith>[0]) => {
    const env = envWith(changes);
    return () => createMailer(env, outboxOf(env));
  };

  it("refuses a plain-http RESEND_BASE_URL anywhere but this machine", () => {
    expect(configError({ RESEND_API_KEY: "re_x", RESEND_BASE_URL: "http://api.resend.example" })).toThrow(ConfigError);
    expect(configError({ RESEND_API_KEY: "re_x", RESEND_BASE_URL: "not a url" })).toThrow(/RESEND_BASE_URL/);
    expect(configError({ RESEND_API_KEY: "re_x", RESEND_BASE_URL: "https://api.resend.example" })).not.toThrow();
    expect(configError({ RESEND_API_KEY: "re_x" })).not.toThrow();
  });

  it("refuses a MAIL_FROM that is no address", () => {
    expect(configError({ RESEND_API_KEY: "re_x", MAIL_FROM: "Orleu" })).toThrow(/MAIL_FROM/);
  });

  it("refuses the local outbox unless PUBLIC_BASE_URL is on this machine: real mail must not be dropped", () => {
    expect(configError({})).toThrow(/RESEND_API_KEY is required/);
    expect(configError({ PUBLIC_BASE_URL: "http://localhost:8787" })).not.toThrow();
    expect(configError({ PUBLIC_BASE_URL: "http://127.0.0.1:8787" })).not.toThrow();
  });
});
