import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** What a receiver got: the Standard Webhooks headers and the body as sent. */
export interface ReceivedWebhook {
  headers: Record<string, string>;
  body: string;
  answer: number;
}

/**
 * A local receiver of consent webhooks (the Worker's outgoing ones), for the tests:
 * POST /hooks/<name> records the request and answers 200, or 503 for a name starting
 * with "fail"; GET /_received/<name> lists what that name got.
 */
export async function startWebhookReceiver() {
  const received = new Map<string, ReceivedWebhook[]>();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://receiver");
    const [, kind, name = ""] = url.pathname.split("/");
    if (req.method === "POST" && kind === "hooks") {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const answer = name.startsWith("fail") ? 503 : 200;
      received.set(name, [...(received.get(name) ?? []), { headers, body: await readBody(req), answer }]);
      return res.writeHead(answer).end();
    }
    if (req.method === "GET" && kind === "_received") {
      return res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(received.get(name) ?? []));
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
