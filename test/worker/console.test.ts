import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "../../src/app";
import { SESSION_LIFETIME_SECONDS, signSession, verifySession } from "../../src/signing/console-session";
import { ADMIN_KEY, call, createContact, expectStatus, freshEmail, freshPhone, grant, unique, withdraw } from "./api";
import { requestsTo, resendEnv } from "./mail";

/**
 * The operators' console (/admin) without a browser: the session cookie and its limits,
 * sign-in refusals and their rate limit, CSRF, search, the person page, proof, the
 * preference link and erasure. test/browser/console.test.ts drives the same in Chromium.
 */
const app = createApp();
const BASE = "https://prefs.test";

interface PageOptions {
  form?: Record<string, string>;
  cookie?: string;
  headers?: Record<string, string>;
  /** The client's address, for the sign-in limiter; a fresh one unless given. */
  ip?: string;
  /** Variables to change for this request (each request reads its configuration afresh). */
  vars?: Parameters<typeof resendEnv>[0];
}

async function page(method: string, path: string, { form, cookie, headers, ip, vars }: PageOptions = {}) {
  const ctx = createExecutionContext();
  const request = new Request(BASE + path, {
    method,
    body: form ? new URLSearchParams(form) : undefined,
    headers: {
      Origin: BASE,
      "CF-Connecting-IP": ip ?? `198.51.100.${Math.floor(Math.random() * 250)}-${unique()}`,
      ...(cookie ? { Cookie: cookie } : {}),
      ...headers,
    },
    redirect: "manual",
  });
  const response = await app.fetch(request, resendEnv(vars), ctx);
  const text = await response.text();
  await waitOnExecutionContext(ctx);
  return { status: response.status, headers: response.headers, text };
}

async function signIn(key: string, ip?: string) {
  const response = await page("POST", "/admin/sign-in", { form: { key, next: "/admin/people" }, ip });
  const setCookie = response.headers.get("Set-Cookie") ?? "";
  return { response, setCookie, cookie: setCookie.split(";")[0]! };
}

async function keyWith(scopes: string[]) {
  const response = await call("POST", "/v1/api-keys", { body: { name: "console test", scopes } });
  expectStatus(response, 201);
  return response.body as { id: string; key: string };
}

describe("console sign-in", () => {
  it("exchanges a key with the console scope for a 12-hour HttpOnly, Secure, SameSite=Strict cookie on /admin", async () => {
    const { response, setCookie } = await signIn(ADMIN_KEY!);
    expect(response.status, response.text).toBe(303);
    expect(response.headers.get("Location")).toBe("/admin/people");
    const attributes = setCookie.split(";").map((part) => part.trim());
    expect(attributes[0]).toMatch(/^console_session=[\w-]+\.[\w-]+$/);
    expect(attributes).toEqual(expect.arrayContaining(["Max-Age=43200", "Path=/admin", "HttpOnly", "Secure", "SameSite=Strict"]));
    // The key itself is nowhere in the cookie.
    expect(setCookie).not.toContain(ADMIN_KEY!);
  });

  it("opens the console with the cookie, and redirects to the sign-in page without it", async () => {
    const { cookie } = await signIn(ADMIN_KEY!);
    expect((await page("GET", "/admin/people", { cookie })).status).toBe(200);
    for (const path of ["/admin", "/admin/people", "/admin/people/ct_x"]) {
      const signedOut = await page("GET", path);
      expect(signedOut.status, path).toBe(303);
      expect(signedOut.headers.get("Location")).toBe(`/admin/sign-in?next=${encodeURIComponent(path)}`);
    }
    const post = await page("POST", "/admin/people", { form: { by: "email", value: freshEmail() } });
    expect(post.status).toBe(303);
    expect(post.headers.get("Location")).toBe("/admin/sign-in");
  });

  it("refuses a wrong key (401) and a key without the console scope (403), setting no cookie", async () => {
    const wrong = await signIn("mpk_not_a_real_key_at_all_0000000000000000000");
    expect(wrong.response.status).toBe(401);
    expect(wrong.setCookie).toBe("");
    const { key } = await keyWith(["contacts:read", "contacts:erase"]);
    const noScope = await signIn(key);
    expect(noScope.response.status).toBe(403);
    expect(noScope.setCookie).toBe("");
    expect(noScope.response.text).toContain("console");
  });

  it("lets a console key in but keeps it to the scopes it has: no contacts:read, no people", async () => {
    const { key } = await keyWith(["console"]);
    const { response, cookie } = await signIn(key);
    expect(response.status).toBe(303);
    const people = await page("GET", "/admin/people", { cookie });
    expect(people.status).toBe(403);
    expect(people.text).toContain("contacts:read");
  });

  it("ends a revoked key's sessions at once", async () => {
    const { id, key } = await keyWith(["console", "contacts:read"]);
    const { cookie } = await signIn(key);
    expect((await page("GET", "/admin/people", { cookie })).status).toBe(200);
    expectStatus(await call("DELETE", `/v1/api-keys/${id}`), 200);
    const after = await page("GET", "/admin/people", { cookie });
    expect(after.status).toBe(303);
    expect(after.headers.get("Location")).toMatch(/^\/admin\/sign-in/);
    // The dead cookie is cleared.
    expect(after.headers.get("Set-Cookie")).toMatch(/^console_session=;.*Max-Age=0/);
  });

  it("refuses a forged, altered or foreign cookie", async () => {
    const { cookie } = await signIn(ADMIN_KEY!);
    const [name, token] = cookie.split("=") as [string, string];
    const [payload, mac] = token.split(".") as [string, string];
    const other = await signSession("another-secret-0123456789abcdefghijklmnop", "0".repeat(64), new Date());
    for (const forged of [`${payload}.${mac.slice(0, -2)}AA`, `${payload}x.${mac}`, other.token, "garbage", ""]) {
      expect((await page("GET", "/admin/people", { cookie: `${name}=${forged}` })).status, forged).toBe(303);
    }
  });

  it("returns after sign-in only to a console path, never to another site", async () => {
    for (const [next, expected] of [["/admin/people/ct_abc", "/admin/people/ct_abc"], ["//evil.example/admin", "/admin"], ["https://evil.example/", "/admin"], ["/admin/../v1/topics", "/admin"], ["/admin/sign-out", "/admin"]]) {
      const response = await page("POST", "/admin/sign-in", { form: { key: ADMIN_KEY!, next: next! } });
      expect(response.status).toBe(303);
      expect(response.headers.get("Location"), next).toBe(expected);
    }
  });

  it("signs out: the cookie is cleared and the next page asks to sign in", async () => {
    const { cookie } = await signIn(ADMIN_KEY!);
    const out = await page("POST", "/admin/sign-out", { cookie, form: {} });
    expect(out.status).toBe(303);
    expect(out.headers.get("Location")).toBe("/admin/sign-in?signed-out");
    expect(out.headers.get("Set-Cookie")).toMatch(/^console_session=;.*Max-Age=0.*Path=\/admin/);
  });

  it("rate-limits sign-in attempts per client: after ten a minute even a good key waits", async () => {
    const ip = `203.0.113.77-${unique()}`;
    const statuses: number[] = [];
    // The limiter counts in windows of its period, so the eleventh may be refused a window later.
    for (let i = 0; i < 25 && !statuses.includes(429); i++) statuses.push((await signIn("mpk_wrong_" + unique(), ip)).response.status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.at(-1)).toBe(429);
    const good = await signIn(ADMIN_KEY!, ip);
    expect(good.response.status).toBe(429);
    expect(good.response.headers.get("Retry-After")).toBe("60");
    expect(good.setCookie).toBe("");
    // Another client is not held back.
    expect((await signIn(ADMIN_KEY!)).response.status).toBe(303);
  });
});

describe("console session tokens", () => {
  const secret = "test-session-secret-0123456789abcdefghijkl";
  const start = new Date("2026-11-30T10:00:00Z");
  const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);

  it("last 12 hours, to the second", async () => {
    const { token, session } = await signSession(secret, "a".repeat(64), start);
    expect(session.expiresAt - session.issuedAt).toBe(12 * 3600);
    expect(SESSION_LIFETIME_SECONDS).toBe(43_200);
    expect(await verifySession(secret, token, at(0))).toEqual(session);
    expect(await verifySession(secret, token, at(12 * 3600 - 1))).toEqual(session);
    expect(await verifySession(secret, token, at(12 * 3600))).toBeUndefined();
    // Nor before they were issued (beyond a minute of clock skew).
    expect(await verifySession(secret, token, at(-120))).toBeUndefined();
  });

  it("verify only under the secret that signed them", async () => {
    const { token } = await signSession(secret, "a".repeat(64), start);
    expect(await verifySession(`${secret}x`, token, start)).toBeUndefined();
  });
});

describe("console CSRF", () => {
  it("refuses a form posted from another origin, and any non-form POST", async () => {
    const { cookie } = await signIn(ADMIN_KEY!);
    const contact = await createContact({ email: freshEmail() });
    const crossSite = await page("POST", `/admin/people/${contact.id}/erase`, {
      cookie,
      form: { confirm: contact.email! },
      headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
    });
    expect(crossSite.status).toBe(403);
    const json = await page("POST", `/admin/people/${contact.id}/erase`, {
      cookie,
      headers: { "Content-Type": "application/json" },
    });
    expect(json.status).toBe(415);
    expectStatus(await call("GET", `/v1/contacts/${contact.id}`), 200);
    // A sign-in from another site (login CSRF) is refused as well.
    const login = await page("POST", "/admin/sign-in", { form: { key: ADMIN_KEY! }, headers: { Origin: "https://evil.example" } });
    expect(login.status).toBe(403);
  });
});

describe("console: a person", () => {
  async function signedIn() {
    return (await signIn(ADMIN_KEY!)).cookie;
  }

  it("finds by email, phone or external id as the API normalises them, keeping the address out of the URL", async () => {
    const cookie = await signedIn();
    const email = freshEmail();
    const phone = freshPhone();
    const externalId = `ext-${unique()}`;
    const contact = await createContact({ email, phone, externalId });
    const national = `8${phone.slice(2)}`;
    for (const [by, value] of [["email", `  ${email.toUpperCase()} `], ["phone", national], ["externalId", externalId]]) {
      const found = await page("POST", "/admin/people", { cookie, form: { by: by!, value: value! } });
      expect(found.status, `${by} ${found.text}`).toBe(303);
      expect(found.headers.get("Location")).toBe(`/admin/people/${contact.id}`);
    }
    const missing = await page("POST", "/admin/people", { cookie, form: { by: "email", value: freshEmail() } });
    expect(missing.status).toBe(200);
    expect(missing.text).toContain('role="status"');
    const bad = await page("POST", "/admin/people", { cookie, form: { by: "phone", value: "not a phone" } });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('value="not a phone"');
  });

  it("shows the matrix with a reason per cell, as a send check decides, and the ledger newest first", async () => {
    const cookie = await signedIn();
    const contact = await createContact({
      email: freshEmail(),
      consents: [grant("*", "*", { evidence: { form: "course-signup" } }), withdraw("newsletter", "email")],
    });
    const person = await page("GET", `/admin/people/${contact.id}`, { cookie });
    expect(person.status).toBe(200);
    const cell = (topic: string, channel: string) => {
      const rows = person.text.split("<tr");
      const row = rows.find((r) => r.includes(`data-topic="${topic}"`));
      return row?.match(new RegExp(`data-channel="${channel}" data-reason="(\\w+)"`))?.[1];
    };
    expect(cell("newsletter", "email")).toBe("withdrawn_topic_channel");
    const check = await call("POST", "/v1/send-checks", { body: { topic: "newsletter", channel: "email", recipients: [{ contactId: contact.id }] } });
    expect(check.body.blocked[0].reason).toBe("withdrawn_topic_channel");
    expect(cell("newsletter", "whatsapp")).toBe("no_address");
    expect(cell("newsletter", "sms")).toBeUndefined(); // not a channel of the newsletter
    expect(cell("service_updates", "email")).toBe("baseline_consent");
    expect(person.text).toContain("course-signup");
    // Newest first: the withdrawal before the grant (by their seq in the ledger, which the run's other tests share).
    const [granted, withdrawn] = (await call("GET", `/v1/contacts/${contact.id}/consents`)).body.events as { seq: number }[];
    const at = (seq: number) => person.text.indexOf(`id="event-${seq}"`);
    expect(at(withdrawn!.seq)).toBeGreaterThan(-1);
    expect(at(withdrawn!.seq)).toBeLessThan(at(granted!.seq));
  });

  it("downloads the proof exactly as GET /v1/contacts/{id}/consents gives it", async () => {
    const cookie = await signedIn();
    const contact = await createContact({ email: freshEmail(), consents: [grant("*", "*")] });
    const csv = await page("GET", `/admin/people/${contact.id}/proof?format=csv`, { cookie });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Disposition")).toMatch(/^attachment; filename="consents-ct_[\w-]+-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(csv.text).toBe((await call("GET", `/v1/contacts/${contact.id}/consents?format=csv`)).body);
    const json = await page("GET", `/admin/people/${contact.id}/proof?format=json`, { cookie });
    const api = await call("GET", `/v1/contacts/${contact.id}/consents`);
    expect({ ...JSON.parse(json.text), generatedAt: null }).toEqual({ ...api.body, generatedAt: null });
  });

  it("mails a preference link to the person's email, and says so when there is no email", async () => {
    const cookie = await signedIn();
    const email = freshEmail();
    const contact = await createContact({ email, consents: [grant("*", "*")] });
    const sent = await page("POST", `/admin/people/${contact.id}/preference-link`, { cookie, form: {} });
    expect(sent.headers.get("Location")).toBe(`/admin/people/${contact.id}?done=link_sent`);
    const mails = await requestsTo(email);
    expect(mails).toHaveLength(1);
    expect(JSON.stringify(mails[0])).toContain(`${BASE}/p/`);
    const phoneOnly = await createContact({ phone: freshPhone() });
    const none = await page("POST", `/admin/people/${phoneOnly.id}/preference-link`, { cookie, form: {} });
    expect(none.headers.get("Location")).toBe(`/admin/people/${phoneOnly.id}?done=link_no_email`);
  });

  it("erases only when the address is typed back, then shows only the erasure record", async () => {
    const cookie = await signedIn();
    const email = freshEmail();
    const contact = await createContact({ email, consents: [grant("*", "*")] });
    const wrong = await page("POST", `/admin/people/${contact.id}/erase`, { cookie, form: { confirm: freshEmail() } });
    expect(wrong.status).toBe(400);
    expectStatus(await call("GET", `/v1/contacts/${contact.id}`), 200);
    const erased = await page("POST", `/admin/people/${contact.id}/erase`, { cookie, form: { confirm: ` ${email.toUpperCase()}` } });
    expect(erased.status).toBe(303);
    expectStatus(await call("GET", `/v1/contacts/${contact.id}`), 410);
    const after = await page("GET", `/admin/people/${contact.id}`, { cookie });
    expect(after.status).toBe(200);
    expect(after.text).not.toContain(email);
    expect(after.text).toContain("admin"); // the erasure record's key
    expect(after.text).not.toContain('id="ledger"');
  });

  it("needs contacts:erase to erase, as the API does", async () => {
    const { key } = await keyWith(["console", "contacts:read"]);
    const { cookie } = await signIn(key);
    const contact = await createContact({ email: freshEmail() });
    const person = await page("GET", `/admin/people/${contact.id}`, { cookie });
    expect(person.text).not.toContain(`/admin/people/${contact.id}/erase`);
    const refused = await page("POST", `/admin/people/${contact.id}/erase`, { cookie, form: { confirm: contact.email! } });
    expect(refused.status).toBe(403);
    expectStatus(await call("GET", `/v1/contacts/${contact.id}`), 200);
  });
});

describe("console behind Cloudflare Access", () => {
  const TEAM = "orleu-test.cloudflareaccess.com";
  const AUD = "a".repeat(64);
  const ACCESS = { ACCESS_TEAM_DOMAIN: TEAM, ACCESS_AUD: AUD };
  const KID = `kid-${unique()}`;
  let teamKey: CryptoKeyPair;
  let strangerKey: CryptoKeyPair;
  const original = globalThis.fetch;

  const rsa = () =>
    crypto.subtle.generateKey({ name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, true, ["sign", "verify"]) as Promise<CryptoKeyPair>;
  const b64url = (data: Uint8Array | string) => (typeof data === "string" ? new TextEncoder().encode(data) : data).toBase64({ alphabet: "base64url", omitPadding: true });

  async function jwt(claims: Record<string, unknown>, { key = teamKey, header = { alg: "RS256", kid: KID, typ: "JWT" } }: { key?: CryptoKeyPair; header?: Record<string, unknown> } = {}) {
    const now = Math.floor(Date.now() / 1000);
    const body = { aud: [AUD], iss: `https://${TEAM}`, sub: crypto.randomUUID(), email: "operator@orleu-edu.kz", iat: now, nbf: now, exp: now + 600, ...claims };
    const signed = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(body))}`;
    const signature = await crypto.subtle.sign("RSASSA-PKCS1-v1_5", key.privateKey, new TextEncoder().encode(signed));
    return `${signed}.${b64url(new Uint8Array(signature))}`;
  }

  beforeAll(async () => {
    [teamKey, strangerKey] = await Promise.all([rsa(), rsa()]);
    const jwk = (await crypto.subtle.exportKey("jwk", teamKey.publicKey)) as JsonWebKey;
    // The Worker runs in this isolate (app.fetch), so its fetch of the team's keys lands here.
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url === `https://${TEAM}/cdn-cgi/access/certs`) return Response.json({ keys: [{ kid: KID, kty: "RSA", alg: "RS256", use: "sig", n: jwk.n, e: jwk.e }] });
      return original(input, init);
    });
  });
  afterAll(() => vi.restoreAllMocks());

  const viaAccess = async (token: string, path = "/admin/people", vars: Record<string, string> = ACCESS) =>
    page("GET", path, { headers: { "Cf-Access-Jwt-Assertion": token }, vars });

  it("trusts a valid assertion instead of a key: the console opens without a cookie", async () => {
    const response = await viaAccess(await jwt({}));
    expect(response.status, response.text).toBe(200);
    expect(response.headers.get("Set-Cookie")).toBeNull();
  });

  it("refuses an assertion for another audience, from another issuer, expired, not yet valid, or signed by another key", async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const [what, token] of [
      ["audience", await jwt({ aud: ["b".repeat(64)] })],
      ["issuer", await jwt({ iss: "https://other.cloudflareaccess.com" })],
      ["expired", await jwt({ exp: now - 1 })],
      ["not yet valid", await jwt({ nbf: now + 300 })],
      ["no subject (a service token)", await jwt({ sub: "" })],
      ["another key", await jwt({}, { key: strangerKey })],
      ["alg none", `${b64url(JSON.stringify({ alg: "none", kid: KID }))}.${b64url(JSON.stringify({ aud: [AUD], iss: `https://${TEAM}`, sub: "x", exp: now + 600 }))}.`],
      ["unknown kid", await jwt({}, { header: { alg: "RS256", kid: "nope" } })],
      ["garbage", "not.a.jwt"],
    ]) {
      const response = await viaAccess(token!);
      expect(response.status, what).toBe(303);
      expect(response.headers.get("Location"), what).toMatch(/^\/admin\/sign-in/);
    }
  });

  it("ignores the header when Access is not configured, and answers 503 when it is half configured", async () => {
    const token = await jwt({});
    expect((await viaAccess(token, "/admin/people", {})).status).toBe(303);
    const half = await viaAccess(token, "/admin/people", { ACCESS_TEAM_DOMAIN: TEAM });
    expect(half.status).toBe(503);
    expect(half.text).toContain("ACCESS_AUD");
  });

  it("lets an Access identity read but not erase, and its sign-out is Access's", async () => {
    const contact = await createContact({ email: freshEmail() });
    const token = await jwt({});
    const person = await viaAccess(token, `/admin/people/${contact.id}`);
    expect(person.status).toBe(200);
    expect(person.text).not.toContain(`/admin/people/${contact.id}/erase`);
    const erase = await page("POST", `/admin/people/${contact.id}/erase`, { form: { confirm: contact.email! }, headers: { "Cf-Access-Jwt-Assertion": token }, vars: ACCESS });
    expect(erase.status).toBe(403);
    expectStatus(await call("GET", `/v1/contacts/${contact.id}`), 200);
    const out = await page("POST", "/admin/sign-out", { form: {}, headers: { "Cf-Access-Jwt-Assertion": token }, vars: ACCESS });
    expect(out.headers.get("Location")).toBe("/cdn-cgi/access/logout");
  });
});
