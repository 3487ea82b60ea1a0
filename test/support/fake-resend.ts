import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for Resend's API (POST /emails and POST /emails/batch), for the tests of the Resend transport.
 * It checks what the real one checks (a User-Agent, which Resend requires and Workers' fetch
 * does not add: here, the SDK's own; the Bearer key, the JSON body, the Idempotency-Key),
 * answers { id }, sends once per idempotency key, and records every request. Per recipient
 * it can be told to answer the next requests otherwise: POST /_fake/script
 * { to, answers: [{ status, retryAfter? } | { drop: true }] }; GET /_fake/requests?to= lists
 * what it got for that recipient. A batch is recorded under each of its recipients (with
 * that recipient's message as the body), and whole under its idempotency key:
 * GET /_fake/batches?key=<prefix> lists the batch requests whose key starts with it.
 */
export const FAKE_RESEND_KEY = "re_fake_0123456789abcdefghijklmnopqrstuv";

export type ScriptedAnswer = { status: number; retryAfter?: string; name?: string } | { drop: true };

export interface RecordedRequest {
  userAgent: string | null;
  authorization: string | null;
  idempotencyKey: string | null;
  body: unknown;
  /** What the fake answered: a status, or "dropped" for a connection closed unanswered. */
  answer: number | "dropped";
  /** Batch requests: the batch's validation mode header (the SDK sends "strict"). */
  batchValidation?: string | null;
  /** Batch requests: the id Resend gave this recipient's message. */
  id?: string;
}

export interface RecordedBatch {
  idempotencyKey: string | null;
  userAgent: string | null;
  size: number;
  answer: number | "dropped";
  at: number;
}

export async function startFakeResend() {
  const scripts = new Map<string, ScriptedAnswer[]>();
  const requests = new Map<string, RecordedRequest[]>();
  const sent = new Map<string, { id: string; body: string }>();
  let ids = 0;
  const batches: RecordedBatch[] = [];
  const sentBatches = new Map<string, { ids: string[]; body: string }>();

  /** Resend's POST /emails/batch: up to 100 messages, each with from, to, subject and html or text. */
  async function emailBatch(req: IncomingMessage, res: ServerResponse) {
    const raw = await readBody(req);
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      // answered below
    }
    const items = Array.isArray(body) ? (body as Record<string, unknown>[]) : [];
    const key = (req.headers["idempotency-key"] as string | undefined) ?? null;
    const batch: RecordedBatch = { idempotencyKey: key, userAgent: req.headers["user-agent"] ?? null, size: items.length, answer: 0, at: Date.now() };
    batches.push(batch);
    const records = items.map((item) => {
      const record: RecordedRequest = {
        userAgent: batch.userAgent,
        authorization: req.headers.authorization ?? null,
        idempotencyKey: key,
        body: item,
        answer: 0,
        batchValidation: (req.headers["x-batch-validation"] as string | undefined) ?? null,
      };
      const to = Array.isArray(item?.to) ? String(item.to[0]) : String(item?.to ?? "");
      requests.set(to, [...(requests.get(to) ?? []), record]);
      return { to, record };
    });
    const answer = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      batch.answer = status;
      for (const { record } of records) record.answer = status;
      res.writeHead(status, { "Content-Type": "application/json", ...headers }).end(JSON.stringify(json));
    };
    const error = (status: number, name: string, message: string) => answer(status, { statusCode: status, name, message });

    const scripted = records.map(({ to }) => scripts.get(to)?.shift()).find((a) => a !== undefined);
    if (scripted && "drop" in scripted) {
      batch.answer = "dropped";
      for (const { record } of records) record.answer = "dropped";
      req.socket.destroy();
      return;
    }
    if (scripted) {
      const name = scripted.name ?? "scripted";
      return answer(scripted.status, { statusCode: scripted.status, name, message: "as scripted" }, scripted.retryAfter ? { "Retry-After": scripted.retryAfter } : {});
    }
    if (!/^resend-node:\d/.test(batch.userAgent ?? "")) return error(403, "missing_user_agent", "Requests need the SDK's User-Agent");
    if (req.headers.authorization !== `Bearer ${FAKE_RESEND_KEY}`) return error(401, "missing_api_key", "Missing or wrong API key");
    if (!Array.isArray(body) || !req.headers["content-type"]?.startsWith("application/json")) return error(422, "validation_error", "Body must be a JSON array");
    if (items.length === 0 || items.length > 100) return error(422, "validation_error", "A batch holds 1 to 100 emails");
    for (const [i, item] of items.entries()) {
      for (const field of ["from", "to", "subject"]) {
        if (!item?.[field]) return error(422, "validation_error", `Missing \`${field}\` field in email ${i}`);
      }
      if (!item.html && !item.text) return error(422, "validation_error", `Email ${i} needs html or text`);
    }
    if (!key) return error(422, "validation_error", "These tests always send an Idempotency-Key");
    const earlier = sentBatches.get(key);
    if (earlier && earlier.body !== raw) return error(409, "invalid_idempotent_request", "Same idempotency key, different payload");
    const given = earlier?.ids ?? items.map(() => `fake-${++ids}`);
    sentBatches.set(key, { ids: given, body: raw });
    records.forEach(({ record }, i) => (record.id = given[i]));
    answer(200, { data: given.map((id) => ({ id })) }, { "ratelimit-limit": "1000", "ratelimit-remaining": "999", "ratelimit-reset": "1" });
  }

  async function emails(req: IncomingMessage, res: ServerResponse) {
    const raw = await readBody(req);
    let body: Record<string, unknown> | undefined;
    try {
      body = JSON.parse(raw);
    } catch {
      // answered below
    }
    const to = Array.isArray(body?.to) ? String(body.to[0]) : String(body?.to ?? "");
    const record: RecordedRequest = {
      userAgent: req.headers["user-agent"] ?? null,
      authorization: req.headers.authorization ?? null,
      idempotencyKey: (req.headers["idempotency-key"] as string | undefined) ?? null,
      body: body ?? raw,
      answer: 0,
    };
    requests.set(to, [...(requests.get(to) ?? []), record]);
    const answer = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      record.answer = status;
      res.writeHead(status, { "Content-Type": "application/json", ...headers }).end(JSON.stringify(json));
    };
    const error = (status: number, name: string, message: string) => answer(status, { statusCode: status, name, message });

    const scripted = scripts.get(to)?.shift();
    if (scripted && "drop" in scripted) {
      record.answer = "dropped";
      req.socket.destroy();
      return;
    }
    if (scripted) {
      return answer(scripted.status, { statusCode: scripted.status, name: "scripted", message: "as scripted" }, scripted.retryAfter ? { "Retry-After": scripted.retryAfter } : {});
    }
    // Resend: "requests without a User-Agent header will be rejected" (403, error 1010).
    if (!/^resend-node:\d/.test(record.userAgent ?? "")) return error(403, "missing_user_agent", "Requests need the SDK's User-Agent");
    if (req.headers.authorization !== `Bearer ${FAKE_RESEND_KEY}`) return error(401, "missing_api_key", "Missing or wrong API key");
    if (!body || !req.headers["content-type"]?.startsWith("application/json")) return error(422, "validation_error", "Body must be JSON");
    for (const field of ["from", "to", "subject", "html", "text"]) {
      if (!body[field]) return error(422, "validation_error", `Missing \`${field}\` field`);
    }
    const key = record.idempotencyKey;
    if (!key) return error(422, "validation_error", "These tests always send an Idempotency-Key");
    const earlier = sent.get(key);
    if (earlier && earlier.body !== raw) return error(409, "invalid_idempotent_request", "Same idempotency key, different payload");
    const id = earlier?.id ?? `fake-${++ids}`;
    sent.set(key, { id, body: raw });
    answer(200, { id });
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    if (req.method === "POST" && url.pathname === "/emails") return emails(req, res);
    if (req.method === "POST" && url.pathname === "/emails/batch") return emailBatch(req, res);
    if (req.method === "GET" && url.pathname === "/_fake/batches") {
      const prefix = url.searchParams.get("key") ?? "";
      const list = batches.filter((b) => b.idempotencyKey?.startsWith(prefix));
      return res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(list));
    }
    if (req.method === "POST" && url.pathname === "/_fake/script") {
      const { to, answers } = JSON.parse(await readBody(req)) as { to: string; answers: ScriptedAnswer[] };
      scripts.set(to, answers);
      return res.writeHead(204).end();
    }
    if (req.method === "GET" && url.pathname === "/_fake/requests") {
      const list = requests.get(url.searchParams.get("to") ?? "") ?? [];
      return res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(list));
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
