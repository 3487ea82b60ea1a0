import { Hono } from "hono";
import type { AppEnv } from "../context";
import { ApiError, fromZodError } from "../errors";
import { answerSendCheck, type GivenRecipient } from "./v1/send-checks";
import { SendCheckRequestSchema } from "./v1/send-checks/schema";

/**
 * Baselines for `npm run bench`: the least a request can do against the same D1 in the
 * same Worker, so the benchmark can put the send check next to it. Mounted only when the
 * BENCH_ROUTES variable is "1" (scripts/bench.mjs sets it; nothing else does), and even
 * then they read, never write. Addresses travel in the body, as in the send check.
 */
export const benchRoutes = new Hono<AppEnv>()
  .use(async (c, next) => {
    if (c.env.BENCH_ROUTES !== "1") throw new ApiError("not_found", "No such endpoint.");
    await next();
  })
  // One raw indexed lookup of one contact by email.
  .post("/lookup", async (c) => {
    const { email } = await c.req.json<{ email: string }>();
    const row = await c.env.DB.prepare("SELECT id FROM contacts WHERE email = ?1").bind(email).first<{ id: string }>();
    return c.json({ id: row?.id ?? null });
  })
  // One raw query looking up many contacts by email, the addresses bound as one JSON array.
  .post("/lookup-batch", async (c) => {
    const { emails } = await c.req.json<{ emails: string[] }>();
    const { results } = await c.env.DB.prepare(
      "SELECT j.value AS email, c.id AS id FROM json_each(?1) j JOIN contacts c ON c.email = j.value",
    )
      .bind(JSON.stringify(emails))
      .all<{ email: string; id: string }>();
    return c.json({ found: results.length, results });
  })
  // The send check exactly as /v1/send-checks runs it, but making no unsubscribe links.
  .post("/send-check-without-links", async (c) => {
    const raw = await c.req.json<{ recipients: GivenRecipient[] }>();
    const parsed = SendCheckRequestSchema.safeParse(raw);
    if (!parsed.success) throw fromZodError(parsed.error);
    return c.json(await answerSendCheck(c.var.services, "bench", parsed.data, raw.recipients, async (_, ids) => ids.map(() => undefined)));
  });
