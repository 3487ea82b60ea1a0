import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, expectError, expectStatus } from "./api";

describe("GET /healthz", () => {
  it("answers 200 when the database answers, naming which store runs", async () => {
    const response = await call("GET", "/healthz", { key: null });
    expectStatus(response, 200);
    // The project decides: "worker-postgres" binds HYPERDRIVE, and with it the store is PostgreSQL.
    expect(response.body).toEqual({ status: "ok", store: env.HYPERDRIVE ? "postgres" : "d1" });
  });

  it("gives every response a request id and security headers", async () => {
    const response = await call("GET", "/healthz", { key: null });
    expect(response.headers.get("X-Request-Id")).toBeTruthy();
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
  });

  it("answers an unknown path with the JSON 404", async () => {
    expectError(await call("GET", "/v1/nothing-here"), 404, "not_found");
  });

  it("answers /favicon.ico with an empty, cacheable 204 rather than a 404 on every page visit", async () => {
    const response = await call("GET", "/favicon.ico", { key: null });
    expect(response.status).toBe(204);
    expect(response.headers.get("Cache-Control")).toContain("max-age=604800");
  });

  it("has no benchmark baseline routes unless BENCH_ROUTES is 1", async () => {
    expectError(await call("POST", "/bench/lookup", { key: null, body: { email: "a@mail.kz" } }), 404, "not_found");
    expectError(await call("POST", "/bench/lookup-batch", { key: null, body: { emails: [] } }), 404, "not_found");
  });
});
