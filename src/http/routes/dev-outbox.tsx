import { Hono } from "hono";
import { raw } from "hono/html";
import { isLocalUrl } from "../../config";
import { usesOutbox } from "../../mail/transport";
import type { OutboxMessage } from "../../store";
import type { AppEnv } from "../context";
import { ApiError } from "../errors";
import { PAGE_CSP } from "../pages/layout";

/**
 * /dev/outbox: the mail a local Worker kept instead of sending (no RESEND_API_KEY, localhost
 * only). Everywhere else it does not exist, like the benchmark's routes. The request itself
 * must have come to this machine too: the pages hold addresses, and a local configuration
 * can still be reached from elsewhere (wrangler dev --ip 0.0.0.0, a tunnel).
 */
export const devOutboxRoutes = new Hono<AppEnv>()
  .use(async (c, next) => {
    if (!isLocalUrl(new URL(c.req.url)) || !usesOutbox(c.env, c.var.config)) throw new ApiError("not_found", "No such endpoint.");
    await next();
    c.header("Cache-Control", "no-store");
    c.header("Content-Security-Policy", PAGE_CSP);
  })
  .get("/outbox", async (c) => c.html(<OutboxPage messages={await c.var.store.outbox.list(50)} />))
  .get("/outbox/:id", async (c) => {
    const message = await c.var.store.outbox.find(c.req.param("id"));
    if (!message) throw new ApiError("not_found", "No such message.");
    return c.html(message.html);
  });

function OutboxPage({ messages }: { messages: OutboxMessage[] }) {
  return (
    <>
      {raw("<!doctype html>")}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>Local outbox</title>
          <style>{raw("body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:0 auto;padding:1rem}pre{white-space:pre-wrap;background:#f6f7f9;padding:.75rem}")}</style>
        </head>
        <body>
          <h1>Local outbox</h1>
          <p>Mail this Worker would have sent, newest first (the latest {messages.length}). Nothing here left the machine.</p>
          {messages.map((m) => (
            <article>
              <h2>{m.subject}</h2>
              <p>
                To {m.to}, {m.createdAt}. <a href={`/dev/outbox/${m.id}`}>View the HTML</a>
              </p>
              <pre>{m.text}</pre>
            </article>
          ))}
        </body>
      </html>
    </>
  );
}
