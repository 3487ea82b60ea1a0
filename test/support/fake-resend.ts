import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for Resend's API (POST /emails), for the tests of the Resend transport.
 * It checks what the real one checks (a User-Agent, which Resend requires and Workers' fetch
 * does not add: here, the SDK's own; the Bearer key, the JSON body, the Idempotency-Key),
 * answers { id }, sends once per idempotency key, and records every request. Per recipient
 * it can be told to answer the next requests otherwise: POST /_fake/script
 * { to, answers: [{ status, retryAfter? } | { drop: true }] }; GET /_fake/requests?to= lists
 * what it got for that recipient.
 */
export const FAKE_RESEND_KEY = "re_fake_0123456789abcdefghijklmnopqrstuv";

export type ScriptedAnswer = { status: number; retryAfter?: string } | { drop: true };

export interface RecordedRequest {
  userAgent: string | null;
  authorization: string | null;
  idempotencyKey: string | null;
  body: unknown;
  /** What the fake answered: a status, or "dropped" for a connection closed unanswered. */
  answer: number | "dropped";
}

export async function startFakeResend() {
  const scripts = new Map<string, ScriptedAnswer[]>();
  const requests = new Map<string, RecordedRequest[]>();
  const sent = new Map<string, { id: string; body: string }>();
  let ids = 0;

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
