import { Hono, type Context } from "hono";
import { Client } from "pg";
import type { AppEnv } from "../context";
import { ApiError, fromZodError } from "../errors";
import { answerSendCheck, type GivenRecipient } from "./v1/send-checks";
import { SendCheckRequestSchema } from "./v1/send-checks/schema";

/**
 * Baselines for `npm run bench`: the least a request can do against the same database in
 * the same Worker, so the benchmark can put the send check next to it. On D1, one raw
 * statement on the binding. On PostgreSQL, one raw query through the same Hyperdrive binding
 * on a plain `pg` client, its connection ended after the answer, as the store's own raw
 * statements are (src/store/pg/sql.ts). Mounted only when the BENCH_ROUTES variable is
 * "1" (scripts/bench.mjs sets it; nothing else does), and even then they read, never write.
 * Addresses travel in the body, as in the send check.
 */
export const benchRoutes = new Hono<AppEnv>()
  .use(async (c, next) => {
    if (c.env.BENCH_ROUTES !== "1") throw new ApiError("not_found", "No such endpoint.");
    await next();
  })
  // One raw indexed lookup of one contact by email.
  .post("/lookup", async (c) => {
    const { email } = await c.req.json<{ email: string }>();
    const row = c.env.HYPERDRIVE
      ? await onPostgres(c, c.env.HYPERDRIVE, async (pg) =>
          (await pg.query<{ id: string }>("SELECT id FROM contacts WHERE email = $1", [email])).rows[0])
      : await c.env.DB.prepare("SELECT id FROM contacts WHERE email = ?1").bind(email).first<{ id: string }>();
    return c.json({ id: row?.id ?? null });
  })
  // One raw query looking up many contacts by email, the addresses bound as one parameter and
  // joined to contacts as the send check's own query joins them (src/store/*/recipients.ts).
  // On PostgreSQL `email = ANY($1)` reads the whole table at any size: quicker than the join
  // at 100,000 contacts (16 ms against 46), far slower at 1,000,000 (212 ms against 14).
  .post("/lookup-batch", async (c) => {
    const { emails } = await c.req.json<{ emails: string[] }>();
    const results = c.env.HYPERDRIVE
      ? await onPostgres(c, c.env.HYPERDRIVE, async (pg) =>
          (await pg.query<{ email: string; id: string }>(
            "SELECT v.value AS email, c.id AS id FROM unnest($1::text[]) AS v(value) JOIN contacts c ON c.email = v.value",
            [emails],
          )).rows)
      : (
          await c.env.DB.prepare("SELECT j.value AS email, c.id AS id FROM json_each(?1) j JOIN contacts c ON c.email = j.value")
            .bind(JSON.stringify(emails))
            .all<{ email: string; id: string }>()
        ).results;
    return c.json({ found: results.length, results });
  })
  // The send check exactly as /v1/send-checks runs it, but making no unsubscribe links.
  .post("/send-check-without-links", async (c) => {
    const raw = await c.req.json<{ recipients: GivenRecipient[] }>();
    const parsed = SendCheckRequestSchema.safeParse(raw);
    if (!parsed.success) throw fromZodError(parsed.error);
    return c.json(await answerSendCheck(c.var.services, "bench", parsed.data, raw.recipients, async (_, ids) => ids.map(() => undefined)));
  });

async function onPostgres<T>(c: Context<AppEnv>, hyperdrive: Hyperdrive, query: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: hyperdrive.connectionString });
  client.on("error", () => {}); // a socket closing after end() must not fail the request
  await client.connect();
  try {
    return await query(client);
  } finally {
    c.executionCtx.waitUntil(client.end());
  }
}
