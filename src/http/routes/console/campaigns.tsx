import { Hono, type Context } from "hono";
import { z } from "zod";
import { cancelCampaign } from "../../../flows/cancel-campaign";
import type { CampaignRecord } from "../../../store";
import type { AppEnv } from "../../context";
import { CampaignPage, CampaignsPage, type CampaignNotice } from "../../pages/console/campaigns";
import { OPS_TEXT } from "../../pages/console/texts";
import { ConsoleLayout } from "../../pages/console/layout";
import { pageLocaleOf } from "../../pages/request";
import { campaignView } from "../v1/campaigns/view";
import { localOffsetOf, RECORD_ID, requirePageScope } from "./guard";
import { notFoundPage } from "./not-found";

const PAGE_SIZE = 25;
const Cursor = z.string().regex(RECORD_ID).optional();

/**
 * /admin/campaigns: a separate page from the send checks, because /v1 puts campaigns under
 * their own scope (campaigns:send). Each campaign is shown through GET /v1/campaigns/{id}'s
 * view; cancelling is POST /v1/campaigns/{id}/cancel's flow.
 */
export const campaignRoutes = new Hono<AppEnv>()
  .use("*", requirePageScope("campaigns:send", "campaigns"))
  .get("/", async (c) => {
    const locale = pageLocaleOf(c);
    const cursor = Cursor.safeParse(c.req.query("cursor"));
    if (!cursor.success) return badCursor(c);
    const page = await c.var.store.campaigns.list({ after: cursor.data, limit: PAGE_SIZE + 1 });
    const campaigns = page.slice(0, PAGE_SIZE);
    const views = await Promise.all(campaigns.map((campaign) => viewOf(c, campaign)));
    const next = page.length > PAGE_SIZE ? campaigns.at(-1)!.id : null;
    return c.html(<CampaignsPage locale={locale} views={views} next={next} offset={localOffsetOf(c)} />);
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

function badCursor(c: Context<AppEnv>) {
  const locale = pageLocaleOf(c);
  return c.html(
    <ConsoleLayout locale={locale} title={OPS_TEXT.badCursor[locale]} path={c.req.path} current="campaigns" signedIn>
      <h1>{OPS_TEXT.badCursor[locale]}</h1>
      <p>
        <a href="/admin/campaigns">{OPS_TEXT.newest[locale]}</a>
      </p>
    </ConsoleLayout>,
    400,
  );
}
