import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import type { Bindings } from "../../src/env";
import { ADMIN_KEY, call, expectError, expectStatus, freshEmail, unique } from "./api";
import { sql } from "./db";
import { importFile, ndjson, snapshotOf, waitForImport } from "./imports";

const GRANT = { topic: "*", channel: "*", status: "granted", occurredAt: "2024-05-01T10:00:00Z" };
const MiB = 1024 * 1024;

async function post(body: BodyInit | null, headers: Record<string, string>, key: string = ADMIN_KEY) {
  const response = await exports.default.fetch(
    new Request("https://prefs.test/v1/imports", { method: "POST", body, headers: { Authorization: `Bearer ${key}`, ...headers } }),
  );
  return { status: response.status, body: (await response.json()) as any, headers: response.headers };
}

async function keyWith(scopes: string[]): Promise<{ id: string; key: string }> {
  const response = await call("POST", "/v1/api-keys", { body: { name: `import-${unique()}`, scopes } });
  expectStatus(response, 201);
  return response.body;
}

async function importsBy(keyId: string) {
  return sql.first(
    "SELECT (SELECT count(*) FROM imports WHERE api_key_id = ?1) AS imports, (SELECT count(*) FROM import_chunks WHERE import_id IN (SELECT id FROM imports WHERE api_key_id = ?1)) AS chunks",
    keyId,
  );
}

/** Delivers queue messages for chunks straight to the Worker's queue handler, as a redelivery would. */
async function deliver(importId: string, seq: number, attempts = 1) {
  const batch = createMessageBatch("orleu-imports", [{ id: `m-${unique()}`, timestamp: new Date(), attempts, body: { importId, seq } }]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env as unknown as Bindings);
  return getQueueResult(batch, ctx);
}

/** An import stored as the upload stores it, but never sent to the queue: the test delivers it. */
async function storedImport(rows: unknown[]) {
  const id = `imp_test${unique()}`;
  const records = rows.map((row, i) => [i + 1, typeof row === "string" ? row : JSON.stringify(row)]);
  const [count, now] = [rows.length, new Date().toISOString()];
  await sql.run("INSERT INTO imports (id, api_key_id, format, rows, chunks, created_at) VALUES (?1, 'admin', 'ndjson', ?2, 1, ?3)", id, count, now);
  await sql.run("INSERT INTO import_chunks (import_id, seq, first_line, last_line, rows, body) VALUES (?1, 0, 1, ?2, ?2, ?3)", id, count, JSON.stringify(records));
  return id;
}

describe("POST /v1/imports: authorisation", () => {
  it("needs a key (401) with the contacts:import scope (403); contacts:write alone is not enough", async () => {
    const email = freshEmail();
    const file = ndjson([{ email, consents: [GRANT] }]);
    expectError(await call("POST", "/v1/imports", { rawBody: file, headers: { "Content-Type": "application/x-ndjson" }, key: null }), 401, "unauthorized");
    const writer = await keyWith(["contacts:write", "contacts:read"]);
    expectError(await post(file, { "Content-Type": "application/x-ndjson" }, writer.key), 403, "forbidden");
    const importer = await keyWith(["contacts:import"]);
    const done = await importFile(file, "application/x-ndjson", importer.key);
    expect(done).toMatchObject({ status: "done", imported: 1 });
    const [event] = await sql.all(
      "SELECT e.actor FROM consent_events e JOIN contacts c ON c.id = e.contact_id WHERE c.email = ?1 AND e.import_key IS NOT NULL",
      email,
    );
    expect(event).toEqual({ actor: `api_key:${importer.id}` });
    expectError(await call("GET", `/v1/imports/${done.id}`, { key: writer.key }), 403, "forbidden");
    expectError(await call("GET", `/v1/imports/${done.id}`, { key: null }), 401, "unauthorized");
  });
});

describe("POST /v1/imports: bad requests", () => {
  it("answers 415 for anything but NDJSON or CSV", async () => {
    expectError(await post("[]", { "Content-Type": "application/json" }), 415, "unsupported_media_type");
    expectError(await post("a,b", {}), 415, "unsupported_media_type");
  });

  it("answers 413 above 64 MiB, by Content-Length or while reading, and keeps nothing of the file", async () => {
    const importer = await keyWith(["contacts:import"]);
    expectError(await post("{}", { "Content-Type": "application/x-ndjson", "Content-Length": String(64 * MiB + 1) }, importer.key), 413, "payload_too_large");
    let sent = 0;
    const line = new TextEncoder().encode(`${JSON.stringify({ email: freshEmail(), consents: [GRANT] })}\n`.padStart(1024, " "));
    const megabyte = new Uint8Array(MiB);
    for (let i = 0; i < MiB; i += 1024) megabyte.set(line, i);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ > 64) controller.close();
        else controller.enqueue(megabyte);
      },
    });
    expectError(await post(stream, { "Content-Type": "application/x-ndjson" }, importer.key), 413, "payload_too_large");
    expect(await importsBy(importer.id)).toEqual({ imports: 0, chunks: 0 });
  });

  it.each([
    ["an empty body", "", "application/x-ndjson", undefined],
    ["only blank lines", "\n \r\n\n", "application/x-ndjson", undefined],
    ["an empty CSV", "", "text/csv", undefined],
    ["a CSV header and no rows", "email,topic,channel,status,occurredAt\r\n", "text/csv", undefined],
    ["a CSV without its header", "a@example.kz,offers_prices,sms,granted,2024-01-01T00:00:00Z\n", "text/csv", [["header"], ["header", 0], ["header", 1], ["header", 2], ["header", 3], ["header", 4]]],
    ["an unknown CSV column", "email,fax\nx@example.kz,1\n", "text/csv", [["header", 1]]],
    ["a repeated CSV column", "email,email\nx@example.kz,y@example.kz\n", "text/csv", [["header", 1]]],
    ["consent columns without occurredAt", "email,topic,channel,status\nx@example.kz,newsletter,email,granted\n", "text/csv", [["header"]]],
  ])("answers 400 invalid_request for %s, and stores nothing", async (_, body, type, paths) => {
    const importer = await keyWith(["contacts:import"]);
    expectError(await post(body, { "Content-Type": type }, importer.key), 400, "invalid_request", paths);
    expect(await importsBy(importer.id)).toEqual({ imports: 0, chunks: 0 });
  });

  it("does not repeat an unknown CSV column's name: a first line that is not the header holds the first row's addresses", async () => {
    const email = freshEmail();
    const response = await post(`${email},newsletter,email,granted,2024-01-01T00:00:00Z\n`, { "Content-Type": "text/csv" });
    expectError(response, 400, "invalid_request");
    expect(JSON.stringify(response.body)).not.toContain(email.split("@")[0]);
  });

  it("answers 400 for a file that is not UTF-8", async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('{"email": "'), 0xff, 0xfe, ...new TextEncoder().encode('@example.kz"}\n')]);
    expectError(await post(bytes, { "Content-Type": "application/x-ndjson" }), 400, "invalid_request");
  });
});

describe("GET /v1/imports/{id}: bad requests", () => {
  it("answers 404 for an unknown import, and 400 for a malformed cursor", async () => {
    expectError(await call("GET", "/v1/imports/imp_nosuchimport"), 404, "not_found");
    expectError(await call("GET", "/v1/imports/imp_nosuchimport/errors"), 404, "not_found");
    expectError(await call("GET", "/v1/imports/imp_nosuchimport/errors?cursor=abc"), 400, "invalid_request", [["cursor"]]);
    expectError(await call("GET", "/v1/imports/imp_nosuchimport/errors?limit=5000"), 400, "invalid_request", [["limit"]]);
  });
});

describe("the import's queue consumer", () => {
  it("acknowledges a redelivered chunk and changes nothing", async () => {
    const emails = [freshEmail(), freshEmail()];
    const done = await importFile(ndjson(emails.map((email) => ({ email, consents: [GRANT] }))));
    const before = await snapshotOf(emails);
    const result = await deliver(done.id, 0, 2);
    expect(result.explicitAcks).toHaveLength(1);
    expect(result.retryMessages).toEqual([]);
    expect(await snapshotOf(emails)).toEqual(before);
    expect(await waitForImport(done.id)).toMatchObject({ imported: 2, unchanged: 0, progress: { chunksDone: 1 } });
  });

  it("writes a chunk delivered twice at once exactly once", async () => {
    const emails = Array.from({ length: 50 }, () => freshEmail());
    const id = await storedImport(emails.map((email) => ({ email, consents: [GRANT, { ...GRANT, topic: "newsletter", channel: "email" }] })));
    await Promise.all([deliver(id, 0), deliver(id, 0), deliver(id, 0)]);
    const done = await waitForImport(id);
    expect(done).toMatchObject({ status: "done", rows: 50, imported: 50, unchanged: 0, rejected: 0 });
    const snapshot = await snapshotOf(emails);
    expect(snapshot.events).toHaveLength(100);
  });

  it("retries a chunk that fails, and after the last attempt marks it and the import failed", async () => {
    const id = await storedImport([JSON.stringify({ email: freshEmail() })]);
    await sql.run("UPDATE import_chunks SET body = 'not json' WHERE import_id = ?1", id);
    const first = await deliver(id, 0, 1);
    expect(first.retryMessages).toHaveLength(1);
    expect((await call("GET", `/v1/imports/${id}`)).body.status).toBe("queued");
    const last = await deliver(id, 0, 4);
    expect(last.explicitAcks).toHaveLength(1);
    const failed = await call("GET", `/v1/imports/${id}`);
    expect(failed.body).toMatchObject({ status: "failed", progress: { chunks: 1, chunksDone: 0, chunksFailed: 1 } });
    const [chunk] = await sql.all("SELECT body FROM import_chunks WHERE import_id = ?1", id);
    expect(chunk).toEqual({ body: null });
  });
});
