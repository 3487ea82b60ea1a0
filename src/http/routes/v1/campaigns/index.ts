import { createRoute } from "@hono/zod-openapi";
import { findTopic } from "../../../../consent/catalog";
import { sha256Hex } from "../../../../crypto/digest";
import { cancelCampaign } from "../../../../flows/cancel-campaign";
import type { NamedRecipient } from "../../../../flows/send-check";
import { startCampaign } from "../../../../flows/start-campaign";
import { readMailTransport } from "../../../../mail/transport";
import { requireScope } from "../../../auth";
import { ApiError } from "../../../errors";
import { bearerAuth, createRouter } from "../../../router";
import { errorResponses, jsonBody, jsonResponse } from "../../../schemas";
import { RECIPIENT_KEYS } from "../send-checks/schema";
import { CampaignParamsSchema, CampaignRequestSchema, CampaignSchema } from "./schema";
import { campaignView } from "./view";

const auth = { security: bearerAuth, middleware: requireScope("campaigns:send") };

const createCampaignRoute = createRoute({
  method: "post",
  path: "/campaigns",
  operationId: "createCampaign",
  summary: "Send an email campaign through the gate: checked now, sent in batches by the service, consent checked again before each batch",
  ...auth,
  request: { body: jsonBody(CampaignRequestSchema) },
  responses: {
    202: jsonResponse("Accepted: the campaign will go out at sendAt; GET links.self for its progress", CampaignSchema),
    200: jsonResponse("This key sent this reference before, with the same request: that campaign, nothing new started", CampaignSchema),
    ...errorResponses(400, 401, 403, 409, 413, 415),
  },
});

const getCampaignRoute = createRoute({
  method: "get",
  path: "/campaigns/{id}",
  operationId: "getCampaign",
  summary: "A campaign's status, counts (sent, blocked by reason, failed), progress, expected finish and first errors",
  ...auth,
  request: { params: CampaignParamsSchema },
  responses: { 200: jsonResponse("The campaign", CampaignSchema), ...errorResponses(400, 401, 403, 404) },
});

const cancelCampaignRoute = createRoute({
  method: "post",
  path: "/campaigns/{id}/cancel",
  operationId: "cancelCampaign",
  summary: "Stop what has not gone yet; a batch already on its way still goes. Cancelling twice is the same as once",
  ...auth,
  request: { params: CampaignParamsSchema },
  responses: { 200: jsonResponse("The campaign, cancelled", CampaignSchema), ...errorResponses(400, 401, 403, 404, 409) },
});

export const campaignRoutes = createRouter()
  .openapi(createCampaignRoute, async (c) => {
    const body = c.req.valid("json");
    // A deployment that cannot send mail refuses the campaign (503) before writing anything.
    const transport = readMailTransport(c.env, c.var.config);
    const recipients: NamedRecipient<number>[] = body.recipients.map((parsed, i) => {
      const key = RECIPIENT_KEYS.find((k) => parsed[k] !== undefined)!;
      return { given: i, key, value: parsed[key]! };
    });
    const started = await startCampaign(c.var.services, c.env.CAMPAIGN_QUEUE, {
      apiKeyId: c.var.principal.keyId,
      reference: body.reference,
      requestHash: await sha256Hex(JSON.stringify(body)),
      topic: findTopic(body.topic)!,
      from: body.from ?? (transport.kind === "resend" ? transport.from : (c.env.MAIL_FROM ?? "")),
      replyTo: body.replyTo ?? null,
      content: { subject: body.subject, html: body.html, text: body.text },
      sendAt: body.sendAt ? new Date(body.sendAt) : new Date(),
      digest: body.digest ?? false,
      recipients,
    });
    if ("conflict" in started) {
      throw new ApiError("conflict", `This key already used reference "${body.reference}" for another request (campaign ${started.conflict.id}).`, [
        { path: ["reference"], message: "already used for a different campaign" },
      ]);
    }
    const { campaign, created } = started;
    const view = campaignView(campaign, await c.var.store.campaigns.progress(campaign.id), c.var.config.campaignSendRate);
    return created ? c.json(view, 202, { Location: view.links.self }) : c.json(view, 200);
  })
  .openapi(getCampaignRoute, async (c) => {
    const { id } = c.req.valid("param");
    const campaign = await c.var.store.campaigns.get(id);
    if (!campaign) throw new ApiError("not_found", "No such campaign.");
    return c.json(campaignView(campaign, await c.var.store.campaigns.progress(id), c.var.config.campaignSendRate), 200);
  })
  .openapi(cancelCampaignRoute, async (c) => {
    const { id } = c.req.valid("param");
    const outcome = await cancelCampaign(c.var.services, id);
    if (outcome === "unknown") throw new ApiError("not_found", "No such campaign.");
    if (outcome === "finished") throw new ApiError("conflict", "The campaign has finished: there is nothing left to cancel.");
    const campaign = (await c.var.store.campaigns.get(id))!;
    return c.json(campaignView(campaign, await c.var.store.campaigns.progress(id), c.var.config.campaignSendRate), 200);
  });
