import { afterEach, describe, expect, it, vi } from "vitest";
import { VERIFIED_KEY_TTL_MS } from "../../src/http/verified-keys";
import { call, expectError, expectStatus } from "./api";
import { sql } from "./db";

async function createKey(body: unknown, key?: string) {
  return call("POST", "/v1/api-keys", { body, key });
}

describe("API keys", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("creates a scoped key that works at once, shown once and stored only as a hash", async () => {
    const created = await createKey({ name: "newsletter tool", scopes: ["send-checks:write", "topics:read"] });
    expectStatus(created, 201);
    const { id, key, prefix, scopes, createdBy } = created.body;
    expect(key).toMatch(/^mpk_[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(prefix)).toBe(true);
    expect(scopes).toEqual(["send-checks:write", "topics:read"]);
    expect(createdBy).toBe("admin");
    expectStatus(await call("GET", "/v1/topics", { key }), 200);

    const row = await sql.first<Record<string, string>>("SELECT * FROM api_keys WHERE id = ?1", id);
    expect(JSON.stringify(row)).not.toContain(key);
    expect(row!.hash).toMatch(/^[0-9a-f]{64}$/);

    const listed = await call("GET", "/v1/api-keys");
    expectStatus(listed, 200);
    const entry = listed.body.apiKeys.find((k: { id: string }) => k.id === id);
    expect(entry).toMatchObject({ id, name: "newsletter tool", prefix, revokedAt: null });
    expect(entry).not.toHaveProperty("key");
    expect(entry).not.toHaveProperty("hash");
  });

  it("revokes a key: it stops working at once, and revoking again keeps the first time", async () => {
    const { body } = await createKey({ name: "crm", scopes: ["topics:read"] });
    expectStatus(await call("GET", "/v1/topics", { key: body.key }), 200); // now known to this isolate
    const revoked = await call("DELETE", `/v1/api-keys/${body.id}`);
    expectStatus(revoked, 200);
    expect(revoked.body.revokedAt).toBeTruthy();
    expectError(await call("GET", "/v1/topics", { key: body.key }), 401, "unauthorized");
    const again = await call("DELETE", `/v1/api-keys/${body.id}`);
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
  });

  it("stops a key revoked by another isolate within the cache's lifetime", async () => {
    const { body } = await createKey({ name: "crm", scopes: ["topics:read"] });
    expectStatus(await call("GET", "/v1/topics", { key: body.key }), 200);
    // Revoked behind this isolate's back, as another isolate's DELETE would do.
    await sql.run("UPDATE api_keys SET revoked_at = ?2 WHERE id = ?1", body.id, new Date().toISOString());
    expectStatus(await call("GET", "/v1/topics", { key: body.key }), 200);
    vi.useFakeTimers({ now: Date.now() + VERIFIED_KEY_TTL_MS + 1, toFake: ["Date"] });
    expectError(await call("GET", "/v1/topics", { key: body.key }), 401, "unauthorized");
  });

  it("records which key created a key", async () => {
    const manager = (await createKey({ name: "ops", scopes: ["api-keys:manage", "topics:read"] })).body;
    const made = await createKey({ name: "child", scopes: ["topics:read"] }, manager.key);
    expectStatus(made, 201);
    expect(made.body.createdBy).toBe(manager.id);
  });

  it("lets a managing key give any of the scopes it holds, itself included", async () => {
    const manager = (await createKey({ name: "ops", scopes: ["api-keys:manage", "topics:read", "contacts:read"] })).body;
    const made = await createKey({ name: "deputy", scopes: ["contacts:read", "api-keys:manage"] }, manager.key);
    expectStatus(made, 201);
    expect(made.body.scopes).toEqual(["contacts:read", "api-keys:manage"]);
    expectStatus(await call("GET", "/v1/api-keys", { key: made.body.key }), 200);
  });

  it("refuses a managing key a scope it does not hold: 403 naming the scopes, and no key made", async () => {
    const manager = (await createKey({ name: "ops", scopes: ["api-keys:manage", "topics:read"] })).body;
    const name = `escalation ${crypto.randomUUID()}`;
    const refused = await createKey({ name, scopes: ["topics:read", "contacts:erase", "send-checks:write"] }, manager.key);
    expectError(refused, 403, "forbidden", [["scopes", 1], ["scopes", 2]]);
    expect(refused.body.error.message).toContain("contacts:erase, send-checks:write");
    expect(refused.body.error.message).not.toContain("topics:read");
    expect(await sql.value("SELECT count(*) AS n FROM api_keys WHERE name = ?1", name)).toBe(0);
  });

  it("answers 404 for revoking an unknown key", async () => {
    expectError(await call("DELETE", "/v1/api-keys/key_unknown"), 404, "not_found");
  });

  it.each([
    ["an unknown scope", { name: "x", scopes: ["everything"] }, [["scopes", 0]]],
    ["no scopes", { name: "x", scopes: [] }, [["scopes"]]],
    ["repeated scopes", { name: "x", scopes: ["topics:read", "topics:read"] }, [["scopes"]]],
    ["a blank name", { name: "  ", scopes: ["topics:read"] }, [["name"]]],
    ["no name", { scopes: ["topics:read"] }, [["name"]]],
  ])("rejects %s with 400 and creates nothing", async (_name, body, paths) => {
    // Asked by a key of its own, so that what it made can be counted while other files write keys too.
    const manager = (await createKey({ name: "ops", scopes: ["api-keys:manage", "topics:read"] })).body;
    expectError(await createKey(body, manager.key), 400, "invalid_request", paths);
    expect(await sql.value("SELECT count(*) AS n FROM api_keys WHERE created_by = ?1", manager.id)).toBe(0);
  });
});
