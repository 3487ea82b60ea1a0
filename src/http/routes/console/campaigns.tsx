import { Hono, type Context } from "hono";
import { z } from "@hono/zod-openapi";
import { cancelCampaign } from "../../../flows/cancel-campaign";
import type { CampaignRecord } from "../../../store";
import type { AppEnv } from "../../context";
import { CampaignPage, CampaignsPage, type CampaignNotice } from "../../pages/console/campaigns";
import { OPS_TEXT } from "../../pages/console/texts";
import { ConsoleLayout } from "../../pages/console/layout";
import { pageLocaleOf } from "../../pages/request";
import { campaignView } from "../v1/campaigns/view";
import { localOffsetOf, pageLimit, RECORD_ID, requirePageScope } from "./guard";
import { notFoundPage } from "./not-found";

const ListQuery = z.object({ cursor: z.string().regex(RECORD_ID).optional(), limit: pageLimit(25) });

/**
 * /admin/campaigns: a separate page from the send checks, because /v1 puts campaigns under
 * their own scope (campaigns:send). Each campaign is shown through GET /v1/campaigns/{id}'s
 * view; cancelling is POST /v1/campaigns/{id}/cancel's flow.
 */
export const campaignRoutes = new Hono<AppEnv>()
  .use("*", requirePageScope("campaigns:send", "campaigns"))
  .get("/", async (c) => {
    const locale = pageLocaleOf(c);
    const query = ListQuery.safeParse({ cursor: c.req.query("cursor"), limit: c.req.query("limit") });
    if (!query.success) return badQuery(c, query.error.issues[0]!.path[0] === "limit" ? "badLimit" : "badCursor");
    const { cursor, limit } = query.data;
    const page = await c.var.store.campaigns.list({ after: cursor, limit: limit + 1 });
    const campaigns = page.slice(0, limit);
    // One progress read per campaign, as GET /v1/campaigns/{id} makes: a page is at most 200.
    const views = await Promise.all(campaigns.map((campaign) => viewOf(c, campaign)));
    const next = page.length > limit ? campaigns.at(-1)!.id : null;
    const asked = c.req.query("limit") ? limit : undefined;
    return c.html(<CampaignsPage locale={locale} views={views} next={next} limit={asked} offset={localOffsetOf(c)} />);
  })
  .get("/:id", async (c) => {
    const campaign = await campaignOf(c);
    if (!campaign) return notFoundPage(c, "campaigns");
    const notice = c.req.query("done") === "cancelled" ? "cancelled" : undefined;
    return campaignPage(c, campaign, notice);
  })
  .post("/:id/cancel", async (c) => {
    const campaign = await campaignOf(c);
    if (!campaign) return notFoundPage(c, "campaigns");
    const outcome = await cancelCampaign(c.var.services, campaign.id);
    if (outcome === "unknown") return notFoundPage(c, "campaigns");
    if (outcome === "finished") return campaignPage(c, campaign, "finished", 409);
    // Post, redirect, get: a reload does not press the button again.
    return c.redirect(`/admin/campaigns/${campaign.id}?done=cancelled`, 303);
  });

async function campaignOf(c: Context<AppEnv>) {
  const id = c.req.param("id") ?? "";
  return RECORD_ID.test(id) ? c.var.store.campaigns.get(id) : undefined;
}

async function viewOf(c: Context<AppEnv>, campaign: CampaignRecord) {
  return campaignView(campaign, await c.var.store.campaigns.progress(campaign.id), c.var.config.campaignSendRate);
}

async function campaignPage(c: Context<AppEnv>, campaign: CampaignRecord, notice: CampaignNotice | undefined, status: 200 | 409 = 200) {
  const fresh = (await c.var.store.campaigns.get(campaign.id)) ?? campaign;
  return c.html(<CampaignPage locale={pageLocaleOf(c)} view={await viewOf(c, fresh)} offset={localOffsetOf(c)} notice={notice} />, status);
}

/** A list address whose ?cursor or ?limit is unusable: 400, naming it. */
function badQuery(c: Context<AppEnv>, problem: "badCursor" | "badLimit") {
  const locale = pageLocaleOf(c);
  return c.html(
    <ConsoleLayout locale={locale} title={OPS_TEXT[problem][locale]} path={c.req.path} current="campaigns" signedIn>
      <h1>{OPS_TEXT[problem][locale]}</h1>
      <p>
        <a href="/admin/campaigns">{OPS_TEXT.newest[locale]}</a>
      </p>
    </ConsoleLayout>,
    400,
  );
}
