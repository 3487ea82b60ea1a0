import { z } from "@hono/zod-openapi";
import { Hono } from "hono";
import type { AppEnv } from "../../context";
import { SendCheckPage, SendChecksPage } from "../../pages/console/send-checks";
import { pageLocaleOf } from "../../pages/request";
import { SendCheckListQuery } from "../v1/send-checks/records";
import { notFoundPage } from "./not-found";
import { localOffsetOf, pageLimit, RECORD_ID, requirePageScope } from "./guard";

/**
 * /admin/send-checks: the record GET /v1/send-checks reads (same store method, same query
 * schema, same scope), newest first, by keyset pages; and one check with its counts.
 */
export const sendCheckRoutes = new Hono<AppEnv>()
  .use("*", requirePageScope("send-checks:read", "send-checks"))
  .get("/", async (c) => {
    const locale = pageLocaleOf(c);
    const offset = localOffsetOf(c);
    const given = c.req.query("campaign") ?? "";
    const query = SendCheckListQuery.extend({ cursor: z.string().regex(RECORD_ID).optional(), limit: pageLimit() }).safeParse({ campaign: given === "" ? undefined : given, cursor: c.req.query("cursor"), limit: c.req.query("limit") });
    if (!query.success) {
      const field = query.error.issues[0]!.path[0];
      const problem = field === "campaign" ? "campaign" : field === "limit" ? "limit" : "cursor";
      return c.html(<SendChecksPage locale={locale} checks={[]} next={null} campaign={given.slice(0, 200)} offset={offset} problem={problem} />, 400);
    }
    const { campaign, cursor, limit } = query.data;
    const page = await c.var.store.listSendChecks({ campaign, after: cursor, limit: limit + 1 });
    const checks = page.slice(0, limit);
    const next = page.length > limit ? checks.at(-1)!.id : null;
    return c.html(<SendChecksPage locale={locale} checks={checks} next={next} campaign={campaign ?? ""} limit={c.req.query("limit") ? limit : undefined} offset={offset} />);
  })
  .get("/:id", async (c) => {
    const id = c.req.param("id");
    const check = RECORD_ID.test(id) ? await c.var.store.getSendCheck(id) : undefined;
    if (!check) return notFoundPage(c, "send-checks");
    return c.html(<SendCheckPage locale={pageLocaleOf(c)} check={check} offset={localOffsetOf(c)} />);
  });
