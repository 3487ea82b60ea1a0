import { expect } from "vitest";
import { call, expectStatus } from "./api";
import { sql } from "./db";

/** Helpers for the import tests: upload a file, wait for the queue to finish it. */

export function ndjson(rows: unknown[]): string {
  return rows.map((row) => JSON.stringify(row)).join("\n") + "\n";
}

/** Polls GET /v1/imports/{id} until the import is done or failed (the queue delivers within about a second). */
export async function waitForImport(id: string, key?: string) {
  for (let i = 0; i < 150; i++) {
    const response = await call("GET", `/v1/imports/${id}`, { key });
    expectStatus(response, 200);
    if (response.body.status === "done" || response.body.status === "failed") return response.body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`import ${id} did not finish in 15 s`);
}

export async function importFile(file: string, type = "application/x-ndjson", key?: string) {
  const upload = await call("POST", "/v1/imports", { rawBody: file, headers: { "Content-Type": type }, key });
  expectStatus(upload, 202);
  return waitForImport(upload.body.id, key);
}

export function importRows(rows: unknown[]) {
  return importFile(ndjson(rows));
}

/** Everything an import could change about these contacts: their rows, ledgers and states. */
export async function snapshotOf(emails: string[]) {
  // One placeholder per address (D1 takes up to 100): json_each has no portable spelling.
  const list = `(${emails.map((_, i) => `?${i + 1}`).join(", ")})`;
  const query = (statement: string) => sql.all(statement, ...emails);
  const contacts = await query(`SELECT * FROM contacts WHERE email IN ${list} ORDER BY id`);
  expect(contacts).toHaveLength(emails.length);
  const ids = `(SELECT id FROM contacts WHERE email IN ${list})`;
  return {
    contacts,
    events: await query(`SELECT * FROM consent_events WHERE contact_id IN ${ids} ORDER BY seq`),
    states: await query(`SELECT * FROM consent_states WHERE contact_id IN ${ids} ORDER BY contact_id, topic, channel`),
  };
}
