import { describe, expect, it } from "vitest";
import { call, expectError, expectStatus } from "./api";

const ALL_SCOPES = ["topics:read", "contacts:read", "contacts:write", "contacts:erase", "send-checks:write", "api-keys:manage", "frequency-caps:manage"];

/** Every /v1 endpoint, the scope it needs, and a body it would accept. */
const PROTECTED: [method: string, path: string, scope: string, body?: unknown][] = [
  ["GET", "/v1/topics", "topics:read"],
  ["POST", "/v1/contacts", "contacts:write", { email: "x@example.kz" }],
  ["GET", "/v1/contacts/ct_x", "contacts:read"],
  ["GET", "/v1/contacts/ct_x/consents", "contacts:read"],
  ["GET", "/v1/contacts?consentBefore=2025-01", "contacts:read"],
  ["DELETE", "/v1/contacts/ct_x", "contacts:erase"],
  ["POST", "/v1/send-checks", "send-checks:write", { topic: "newsletter", channel: "email", recipients: [{ email: "x@example.kz" }] }],
  ["GET", "/v1/api-keys", "api-keys:manage"],
  ["POST", "/v1/api-keys", "api-keys:manage", { name: "x", scopes: ["api-keys:manage"] }], // a key gives only scopes it holds
  ["DELETE", "/v1/api-keys/key_x", "api-keys:manage"],
  ["GET", "/v1/frequency-caps", "frequency-caps:manage"],
  // A body past authentication but refused (400): this file leaves the service's caps alone.
  ["PUT", "/v1/frequency-caps", "frequency-caps:manage", { caps: [{ channel: "email", max: 0, period: "day" }] }],
];

async function keyWith(scopes: string[]) {
  const response = await call("POST", "/v1/api-keys", { body: { name: "test", scopes } });
  expectStatus(response, 201);
  return response.body as { id: string; key: string };
}

describe("authentication on /v1", () => {
  it.each(PROTECTED)("%s %s answers 401 without a key", async (method, path, _scope, body) => {
    expectError(await call(method, path, { key: null, body }), 401, "unauthorized");
  });

  it.each(PROTECTED)("%s %s answers 401 with a wrong key", async (method, path, _scope, body) => {
    expectError(await call(method, path, { key: "mpk_not_a_real_key_at_all_0000000000000000000", body }), 401, "unauthorized");
  });

  it("answers 401 before looking at the body", async () => {
    expectError(await call("POST", "/v1/contacts", { key: null, body: { nonsense: true } }), 401, "unauthorized");
  });

  it("rejects a non-Bearer scheme", async () => {
    const response = await call("GET", "/v1/topics", { key: null, headers: { Authorization: "Basic YWRtaW46YWRtaW4=" } });
    expectError(response, 401, "unauthorized");
  });

  it.each(PROTECTED)("%s %s answers 403 to a key with every scope but %s", async (method, path, scope, body) => {
    const { key } = await keyWith(ALL_SCOPES.filter((s) => s !== scope));
    expectError(await call(method, path, { key, body }), 403, "forbidden");
  });

  it.each(PROTECTED)("%s %s lets a key with only %s past authentication", async (method, path, scope, body) => {
    const { key } = await keyWith([scope]);
    const response = await call(method, path, { key, body });
    expect([401, 403]).not.toContain(response.status);
  });
});

describe("rate limit per API key", () => {
  it("answers 429 with Retry-After once a key exceeds its budget, and other keys go on", async () => {
    const { key } = await keyWith(["topics:read"]);
    const statuses: number[] = [];
    // The limiter counts in fixed 60 s windows: if one ends mid-test the count starts again,
    // so allow for up to two windows' worth before the first 429.
    for (let round = 0; round < 45 && !statuses.includes(429); round++) {
      const batch = await Promise.all(Array.from({ length: 50 }, () => call("GET", "/v1/topics", { key })));
      statuses.push(...batch.map((r) => r.status));
      const limited = batch.find((r) => r.status === 429);
      if (limited) {
        expectError(limited, 429, "rate_limited");
        expect(limited.headers.get("Retry-After")).toBe("10");
      }
    }
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1000);
    expect(statuses).toContain(429);
    const { key: other } = await keyWith(["topics:read"]);
    expectStatus(await call("GET", "/v1/topics", { key: other }), 200);
    // Over 1,000 requests: beside the other worker project on two cores, 5 s was not always enough.
  }, 30_000);
});
