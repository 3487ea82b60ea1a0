import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { PROGRESS_SCRIPT } from "../../src/http/pages/console/import";
import { ADMIN_KEY, call, expectStatus, freshEmail, unique } from "./api";
import { sql } from "./db";

/**
 * The console's imports pages (/admin/imports) without a browser: the upload (multipart,
 * read as a stream, the flow /v1/imports uses), its refusals, the import's page, its
 * progress endpoint and errors CSV, the list, scopes, CSRF and the page's script policy.
 * test/browser/console-imports.test.ts drives the same in Chromium.
 */
const BASE = "https://prefs.test";
const MiB = 1024 * 1024;
const HEADER = "email,topic,channel,status,occurredAt";
const AT = "2024-05-01T10:00:00Z";

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

async function request(method: string, path: string, options: { cookie?: string; body?: BodyInit; headers?: Record<string, string> } = {}): Promise<Answer> {
  const response = await exports.default.fetch(
    new Request(BASE + path, {
      method,
      body: options.body,
      headers: { Origin: BASE, ...(options.cookie ? { Cookie: options.cookie } : {}), ...options.headers },
      redirect: "manual",
    }),
  );
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function signIn(key: string): Promise<string> {
  const response = await request("POST", "/admin/sign-in", {
    body: new URLSearchParams({ key, next: "/admin/imports" }),
    headers: { "CF-Connecting-IP": `203.0.113.9-${unique()}` },
  });
  expect(response.status, response.text).toBe(303);
  return (response.headers.get("Set-Cookie") ?? "").split(";")[0]!;
}

async function keyWith(scopes: string[]) {
  const response = await call("POST", "/v1/api-keys", { body: { name: `console imports ${unique()}`, scopes } });
  expectStatus(response, 201);
  return response.body as { id: string; key: string };
}

/** The upload form as a browser sends it: the format first, then the file. */
function uploadForm(content: string | Uint8Array | null, filename = "people.csv", type = "text/csv", format = "auto") {
  const form = new FormData();
  form.append("format", format);
  if (content !== null) form.append("file", new File([content], filename, { type }));
  return form;
}

async function upload(cookie: string, form: FormData, headers?: Record<string, string>) {
  return request("POST", "/admin/imports", { cookie, body: form, headers });
}

/** Polls the page's own JSON endpoint until the import is done or failed. */
async function waitUntilFinished(cookie: string, id: string) {
  for (let i = 0; i < 150; i++) {
    const progress = await request("GET", `/admin/imports/${id}/progress`, { cookie });
    expect(progress.status, progress.text).toBe(200);
    const view = JSON.parse(progress.text);
    if (view.status === "done" || view.status === "failed") return view;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`import ${id} did not finish in 15 s`);
}

function idOf(answer: Answer): string {
  expect(answer.status, answer.text).toBe(303);
  const location = answer.headers.get("Location") ?? "";
  expect(location).toMatch(/^\/admin\/imports\/imp_[\w-]+$/);
  return location.split("/").at(-1)!;
}

async function importsBy(keyId: string) {
  return Number((await sql.first("SELECT count(*) AS n FROM imports WHERE api_key_id = ?1", keyId))!.n);
}

const csvOf = (...rows: string[]) => [HEADER, ...rows].join("\r\n") + "\r\n";

describe("console imports: upload and the import's page", () => {
  it("imports a CSV with bad rows: 303 to its page, then status, counts, errors without the file's values, and the errors as CSV", async () => {
    const cookie = await signIn(ADMIN_KEY!);
    const [good, other, badValue] = [freshEmail(), freshEmail(), `not-an-address-${unique()}`];
    const file = csvOf(
      `${good},*,*,granted,${AT}`,
      `${badValue},*,*,granted,${AT}`,
      `${other},no_such_topic,email,granted,${AT}`,
      `${other},*,*,granted,${AT}`,
    );
    const id = idOf(await upload(cookie, uploadForm(file)));
    const view = await waitUntilFinished(cookie, id);
    expect(view).toMatchObject({ id, status: "done", format: "csv", rows: 4, imported: 2, unchanged: 0, rejected: 2, progress: { percent: 100 } });

    const page = await request("GET", `/admin/imports/${id}?lang=en`, { cookie });
    expect(page.status).toBe(200);
    expect(page.text).toContain(`data-status="done"`);
    expect(page.text).toMatch(/<dd data-count="imported">2<\/dd>/);
    expect(page.text).toMatch(/<dd data-count="rejected">2<\/dd>/);
    expect(page.text).toMatch(/<progress[^>]* max="4" value="4"/);
    // Lines 3 and 4 of the file (the header is line 1), with the field at fault.
    const rows = [...page.text.matchAll(/<tr><td>(\d+)<\/td><td>(?:<code>([^<]*)<\/code>|<span[^>]*>[^<]*<\/span>)<\/td><td><code>(\w+)<\/code><\/td>/g)].map(
      (m) => [Number(m[1]), m[2], m[3]],
    );
    expect(rows).toEqual([
      [3, "email", "invalid_field"],
      [4, "topic", "invalid_field"],
    ]);
    expect(page.text).not.toContain(badValue);
    expect(page.text).not.toContain(other);
    // Finished: no script, no refresh, the console's own policy.
    expect(page.text).not.toContain("<script");
    expect(page.text).not.toContain("http-equiv");
    expect(page.headers.get("Content-Security-Policy")).not.toContain("script-src");

    const csv = await request("GET", `/admin/imports/${id}/errors.csv`, { cookie });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Type")).toMatch(/^text\/csv/);
    expect(csv.headers.get("Content-Disposition")).toBe(`attachment; filename="import-${id}-errors.csv"`);
    expect(
      csv.text
        .split("\r\n")
        .slice(0, 3)
        .map((line) => line.split(",").slice(0, 3).join(",")),
    ).toEqual(["line,path,code", "3,email,invalid_field", "4,topic,invalid_field"]);
    expect(csv.text).not.toContain(badValue);
    // The same bytes as the API's.
    const api = await call("GET", `/v1/imports/${id}/errors?format=csv`);
    expect(csv.text).toBe(api.body);
  });

  it("takes NDJSON by the file's name or by the format chosen, and a file larger than the console's 64 KiB form limit", async () => {
    const cookie = await signIn(ADMIN_KEY!);
    const line = (email: string) =>
      JSON.stringify({ email, consents: [{ topic: "*", channel: "*", status: "granted", occurredAt: AT, evidence: { note: "x".repeat(900) } }] });
    const emails = Array.from({ length: 120 }, () => freshEmail());
    const big = emails.map(line).join("\n") + "\n";
    expect(big.length).toBeGreaterThan(100 * 1024);
    const byName = idOf(await upload(cookie, uploadForm(big, "people.ndjson", "application/octet-stream")));
    expect(await waitUntilFinished(cookie, byName)).toMatchObject({ status: "done", format: "ndjson", rows: 120, imported: 120 });
    const chosen = idOf(await upload(cookie, uploadForm(line(freshEmail()), "export.txt", "text/plain", "ndjson")));
    expect(await waitUntilFinished(cookie, chosen)).toMatchObject({ status: "done", format: "ndjson", rows: 1, imported: 1 });
    // The rest of the console keeps its 64 KiB limit.
    const people = await request("POST", "/admin/people", { cookie, body: new URLSearchParams({ by: "email", value: "x".repeat(70 * 1024) }) });
    expect(people.status).toBe(413);
  });

  it("pages through many errors, 100 at a time, by a cursor in the address", async () => {
    const cookie = await signIn(ADMIN_KEY!);
    const bad = Array.from({ length: 130 }, () => `${freshEmail()},no_such_topic,email,granted,${AT}`);
    const id = idOf(await upload(cookie, uploadForm(csvOf(...bad))));
    expect(await waitUntilFinished(cookie, id)).toMatchObject({ status: "done", rejected: 130 });
    const first = await request("GET", `/admin/imports/${id}`, { cookie });
    const lines = (html: string) => [...html.matchAll(/<tr><td>(\d+)<\/td>/g)].map((m) => Number(m[1]));
    expect(lines(first.text)).toEqual(Array.from({ length: 100 }, (_, i) => i + 2));
    const next = /href="(\/admin\/imports\/[^"?]+\?after=(\d+\.\d+))#errors"/.exec(first.text);
    expect(next?.[1]).toBeTruthy();
    const second = await request("GET", next![1]!, { cookie });
    expect(lines(second.text)).toEqual(Array.from({ length: 30 }, (_, i) => i + 102));
    expect(second.text).not.toContain("?after=");
    // A cursor that is not one shows the first page.
    expect(lines((await request("GET", `/admin/imports/${id}?after=x`, { cookie })).text)).toEqual(lines(first.text));
    expect((await request("GET", `/admin/imports/${id}/errors.csv`, { cookie })).text.trim().split("\r\n")).toHaveLength(131);
  });

  it("lists the latest imports newest first, with status and counts", async () => {
    const cookie = await signIn(ADMIN_KEY!);
    const older = idOf(await upload(cookie, uploadForm(csvOf(`${freshEmail()},*,*,granted,${AT}`))));
    await waitUntilFinished(cookie, older);
    const newer = idOf(await upload(cookie, uploadForm(csvOf(`${freshEmail()},*,*,granted,${AT}`, `x,*,*,granted,${AT}`))));
    await waitUntilFinished(cookie, newer);
    const list = await request("GET", "/admin/imports?lang=en", { cookie });
    expect(list.status).toBe(200);
    const ids = [...list.text.matchAll(/<tr data-import="([^"]+)">/g)].map((m) => m[1]);
    expect(ids.indexOf(newer)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(newer)).toBeLessThan(ids.indexOf(older));
    const row = new RegExp(`<tr data-import="${newer}">.*?</tr>`).exec(list.text)![0];
    expect(row).toContain(`href="/admin/imports/${newer}"`);
    expect([...row.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1])).toEqual(["done", "CSV", "2", "1", "0", "1"]);
  });

  it("answers 404 for an unknown or malformed import id", async () => {
    const cookie = await signIn(ADMIN_KEY!);
    for (const path of ["/admin/imports/imp_nope", "/admin/imports/imp_nope/errors.csv", "/admin/imports/a.b", "/admin/imports/imp_nope/progress"]) {
      expect((await request("GET", path, { cookie })).status, path).toBe(404);
    }
  });
});

describe("console imports: a refused upload shows the form again, naming the field", () => {
  const fieldIn = (html: string) => /<(?:input|select) id="(\w+)"[^>]*aria-invalid="true"/.exec(html)?.[1];

  it.each([
    ["no file part at all", () => uploadForm(null), "file", "Choose a file to import."],
    ["no file chosen", () => uploadForm("", "", "application/octet-stream"), "file", "Choose a file to import."],
    ["an empty file", () => uploadForm("", "empty.csv"), "file", "The file is empty: a CSV import starts with its header row."],
    ["a type the format cannot be told from", () => uploadForm("a,b\n", "book.xlsx", "application/vnd.ms-excel"), "format", "format is not known"],
    ["a CSV without its header", () => uploadForm(`${freshEmail()},*,*,granted,${AT}\n`), "file", "the first line must be the header"],
    ["text that is not UTF-8", () => uploadForm(new Uint8Array([0x65, 0x6d, 0x61, 0x69, 0x6c, 0x0a, 0xff, 0xfe, 0x0a])), "file", "The file is not UTF-8 text."],
  ])("400 for %s, with nothing stored", async (_, form, field, message) => {
    const { id, key } = await keyWith(["console", "contacts:import"]);
    const cookie = await signIn(key);
    const answer = await upload(cookie, form(), { "Accept-Language": "en" });
    expect(answer.status, answer.text).toBe(400);
    expect(fieldIn(answer.text)).toBe(field);
    expect(answer.text).toContain('role="alert"');
    expect(answer.text).toContain(message);
    expect(answer.text).toContain('enctype="multipart/form-data"');
    expect(await importsBy(id)).toBe(0);
  });

  it("400 for a form that is not multipart (no file can be in it)", async () => {
    const cookie = await signIn(ADMIN_KEY!);
    const answer = await request("POST", "/admin/imports", { cookie, body: new URLSearchParams({ format: "csv" }) });
    expect(answer.status).toBe(400);
    expect(fieldIn(answer.text)).toBe("file");
  });

  it("413 above 64 MiB, by Content-Length or while reading, with nothing stored", async () => {
    const { id, key } = await keyWith(["console", "contacts:import"]);
    const cookie = await signIn(key);
    const declared = await upload(cookie, uploadForm(csvOf(`${freshEmail()},*,*,granted,${AT}`)), { "Content-Length": String(65 * MiB) });
    expect(declared.status).toBe(413);
    expect(fieldIn(declared.text)).toBe("file");
    // No Content-Length: the form's bytes as a stream, the file 65 MiB of NDJSON lines of 1 KiB.
    const boundary = `----test${unique()}`;
    const encoder = new TextEncoder();
    const head = encoder.encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="format"\r\n\r\nndjson\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.ndjson"\r\n\r\n`,
    );
    const line = encoder.encode(
      `${JSON.stringify({ email: freshEmail(), consents: [{ topic: "*", channel: "*", status: "granted", occurredAt: AT }] })}\n`.padStart(1024, " "),
    );
    const megabyte = new Uint8Array(MiB);
    for (let i = 0; i < MiB; i += 1024) megabyte.set(line, i);
    let sent = -1;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent++;
        if (sent === 0) controller.enqueue(head);
        else if (sent <= 65) controller.enqueue(megabyte);
        else {
          controller.enqueue(encoder.encode(`\r\n--${boundary}--\r\n`));
          controller.close();
        }
      },
    });
    const answer = await request("POST", "/admin/imports", {
      cookie,
      body,
      headers: { "Content-Type": `multipart/form-data; boundary=${boundary}`, "Accept-Language": "en" },
    });
    expect(answer.status).toBe(413);
    expect(fieldIn(answer.text)).toBe("file");
    expect(answer.text).toContain("larger than 64 MiB");
    expect(await importsBy(id)).toBe(0);
  });
});

describe("console imports: who may", () => {
  it("sends a signed-out browser to the sign-in page, and refuses an upload", async () => {
    for (const path of ["/admin/imports", "/admin/imports/imp_x", "/admin/imports/imp_x/progress", "/admin/imports/imp_x/errors.csv"]) {
      const answer = await request("GET", path);
      expect(answer.status, path).toBe(303);
      expect(answer.headers.get("Location")).toBe(`/admin/sign-in?next=${encodeURIComponent(path)}`);
    }
    const post = await upload("", uploadForm(csvOf(`${freshEmail()},*,*,granted,${AT}`)));
    expect(post.status).toBe(303);
    expect(post.headers.get("Location")).toBe("/admin/sign-in");
  });

  it("needs contacts:import besides console (403 naming it), as /v1/imports does", async () => {
    const admin = await signIn(ADMIN_KEY!);
    const id = idOf(await upload(admin, uploadForm(csvOf(`${freshEmail()},*,*,granted,${AT}`))));
    const reader = await keyWith(["console", "contacts:read", "contacts:write"]);
    const cookie = await signIn(reader.key);
    for (const path of ["/admin/imports", `/admin/imports/${id}`, `/admin/imports/${id}/progress`, `/admin/imports/${id}/errors.csv`]) {
      const answer = await request("GET", path, { cookie });
      expect(answer.status, path).toBe(403);
      expect(answer.text).toContain("contacts:import");
    }
    const refused = await upload(cookie, uploadForm(csvOf(`${freshEmail()},*,*,granted,${AT}`)));
    expect(refused.status).toBe(403);
    expect(await importsBy(reader.id)).toBe(0);
    const importer = await keyWith(["console", "contacts:import"]);
    expect((await request("GET", "/admin/imports", { cookie: await signIn(importer.key) })).status).toBe(200);
  });

  it("refuses an upload from another origin (403) and anything but a form (415), storing nothing", async () => {
    const { id, key } = await keyWith(["console", "contacts:import"]);
    const cookie = await signIn(key);
    const file = csvOf(`${freshEmail()},*,*,granted,${AT}`);
    const crossSite = await upload(cookie, uploadForm(file), { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" });
    expect(crossSite.status).toBe(403);
    const raw = await request("POST", "/admin/imports", { cookie, body: file, headers: { "Content-Type": "text/csv" } });
    expect(raw.status).toBe(415);
    expect(await importsBy(id)).toBe(0);
  });
});

describe("console imports: the progress bar's script", () => {
  /** An import as the upload leaves it before the queue has written anything: queued. */
  async function queuedImport() {
    const id = `imp_test${unique()}`;
    await sql.run(
      "INSERT INTO imports (id, api_key_id, format, rows, chunks, created_at) VALUES (?1, 'admin', 'csv', 2000, 2, ?2)",
      id,
      new Date().toISOString(),
    );
    await sql.run(
      "INSERT INTO import_chunks (import_id, seq, first_line, last_line, rows, body) VALUES (?1, 0, 2, 1001, 1000, '[]'), (?1, 1, 1002, 2001, 1000, '[]')",
      id,
    );
    await sql.run("UPDATE import_chunks SET done_at = ?2, body = NULL, imported = 1000 WHERE import_id = ?1 AND seq = 0", id, new Date().toISOString());
    return id;
  }

  it("runs while the queue works, allowed by its hash alone; without JavaScript the page refreshes itself", async () => {
    const cookie = await signIn(ADMIN_KEY!);
    const id = await queuedImport();
    const page = await request("GET", `/admin/imports/${id}?lang=en`, { cookie });
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-status="running"');
    expect(page.text).toMatch(/<progress[^>]* max="2000" value="1000"/);
    expect(page.text).toContain("1000 of 2000 rows processed (50 %)");
    expect(page.text).toContain('<noscript><meta http-equiv="refresh" content="2"></noscript>');
    expect(page.text).toContain(`<a href="/admin/imports/${id}">Refresh</a>`);
    const script = /<script>([\s\S]*?)<\/script>/.exec(page.text)?.[1];
    expect(script).toBe(PROGRESS_SCRIPT);
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(script));
    const hash = btoa(String.fromCharCode(...new Uint8Array(digest)));
    const policy = page.headers.get("Content-Security-Policy")!;
    expect(policy).toContain(`script-src 'sha256-${hash}'`);
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain("default-src 'none'");
    expect(policy).not.toContain("unsafe-inline'; script");
    expect(policy.match(/script-src [^;]*/)![0]).toBe(`script-src 'sha256-${hash}'`);

    const progress = await request("GET", `/admin/imports/${id}/progress`, { cookie });
    expect(progress.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(JSON.parse(progress.text)).toMatchObject({ id, status: "running", rows: 2000, imported: 1000, progress: { rowsProcessed: 1000, percent: 50 } });
  });
});
