import { Validator } from "@cfworker/json-schema";
import { describe, expect, it } from "vitest";
import { CampaignRequestSchema } from "../../src/http/routes/v1/campaigns/schema";
import { call, expectStatus } from "./api";
import { campaignBody } from "./campaigns";

describe("GET /openapi.json", () => {
  it("describes every /v1 operation, with its security and its error responses", async () => {
    const response = await call("GET", "/openapi.json", { key: null });
    expectStatus(response, 200);
    const doc = response.body;
    expect(doc.openapi).toBe("3.1.0");
    const operations = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        "GET /v1/topics",
        "POST /v1/contacts",
        "GET /v1/contacts/{id}",
        "GET /v1/contacts/{id}/consents",
        "GET /v1/contacts",
        "DELETE /v1/contacts/{id}",
        "POST /v1/send-checks",
        "GET /v1/send-checks",
        "GET /v1/send-checks/{id}",
        "POST /v1/api-keys",
        "GET /v1/api-keys",
        "DELETE /v1/api-keys/{id}",
        "POST /v1/imports",
        "GET /v1/imports/{id}",
        "GET /v1/imports/{id}/errors",
        "POST /v1/campaigns",
        "GET /v1/campaigns/{id}",
        "POST /v1/campaigns/{id}/cancel",
        "POST /v1/webhook-endpoints",
        "GET /v1/webhook-endpoints",
        "GET /v1/webhook-endpoints/{id}",
        "DELETE /v1/webhook-endpoints/{id}",
        "GET /v1/webhook-endpoints/{id}/deliveries",
        "GET /v1/frequency-caps",
        "PUT /v1/frequency-caps",
      ].sort(),
    );
    for (const methods of Object.values(doc.paths as Record<string, Record<string, any>>)) {
      for (const operation of Object.values(methods)) {
        expect(operation.security).toEqual([{ bearerAuth: [] }]);
        expect(operation.responses["401"].content["application/json"].schema.$ref).toBe("#/components/schemas/Error");
      }
    }
  });

  it("is generated from the schemas that validate requests", async () => {
    const { components } = (await call("GET", "/openapi.json", { key: null })).body;
    const request = components.schemas.SendCheckRequest;
    expect(request.required).toEqual(expect.arrayContaining(["topic", "channel", "recipients"]));
    expect(request.properties.recipients.maxItems).toBe(10_000);
    expect(request.properties.channel.enum).toEqual(["email", "sms", "voice", "whatsapp", "telegram"]);
    expect(components.schemas.ConsentInput.properties.source.enum).toContain("web_form");
    expect(components.schemas.ConsentInput.properties.source.enum).not.toContain("one_click");
    expect(request.properties.commit.type).toBe("boolean");
    expect(components.schemas.SendCheckResult.properties.blocked.items.properties.reason.enum).toContain("frequency_capped");
    expect(components.schemas.FrequencyCap.properties.period.enum).toEqual(["day", "week", "month"]);
    expect(components.schemas.ConsentInput.properties.status.enum).toEqual(["granted", "withdrawn", "paused", "resumed", "digest", "digest_off"]);
    expect(components.schemas.ConsentInput.properties.until.format).toBe("date-time");
    expect(request.properties.digest.type).toBe("boolean");
    const blocked = components.schemas.SendCheckResult.properties.blocked.items;
    expect(blocked.properties.reason.enum).toEqual(expect.arrayContaining(["paused", "digest_only"]));
    expect(blocked.properties.until.type).toBe("string");
  });

  it("describes the import: NDJSON rows by the same schemas as POST /v1/contacts, or CSV; 202 with the status link", async () => {
    const { paths, components } = (await call("GET", "/openapi.json", { key: null })).body;
    const upload = paths["/v1/imports"].post;
    expect(Object.keys(upload.requestBody.content)).toEqual(["application/x-ndjson", "text/csv"]);
    expect(upload.requestBody.content["application/x-ndjson"].schema.$ref).toBe("#/components/schemas/ImportRow");
    expect(Object.keys(upload.responses)).toEqual(expect.arrayContaining(["202", "400", "401", "403", "413", "415"]));
    expect(components.schemas.Import.properties.status.enum).toEqual(["queued", "running", "done", "failed"]);
    expect(components.schemas.ImportError.properties.code.enum).toContain("erased");
  });

  it("describes proof of consent (JSON and CSV), erasure (with its 410) and the policy-version list", async () => {
    const { paths, components } = (await call("GET", "/openapi.json", { key: null })).body;
    const ledger = paths["/v1/contacts/{id}/consents"].get;
    expect(Object.keys(ledger.responses["200"].content)).toEqual(["application/json", "text/csv", "application/ld+json"]);
    expect(ledger.responses["200"].content["application/ld+json"].schema.$ref).toBe("#/components/schemas/ConsentReceipt");
    expect(ledger.parameters.find((p: { name: string }) => p.name === "format").schema.enum).toEqual(["json", "csv", "dpv"]);
    expect(ledger.responses["200"].content["application/json"].schema.$ref).toBe("#/components/schemas/ConsentLedger");
    expect(components.schemas.LedgerEvent.properties.status.enum).toEqual([
      "granted", "withdrawn", "cleared", "pending", "suppressed", "paused", "resumed", "digest", "digest_off",
    ]);
    expect(components.schemas.LedgerEvent.properties.until.type).toEqual(["string", "null"]);
    const erase = paths["/v1/contacts/{id}"].delete;
    expect(erase.responses["200"].content["application/json"].schema.$ref).toBe("#/components/schemas/Erasure");
    expect(erase.responses["410"].content["application/json"].schema.$ref).toBe("#/components/schemas/Gone");
    const list = paths["/v1/contacts"].get.parameters;
    expect(list.find((p: { name: string }) => p.name === "consentBefore")).toMatchObject({ required: false, schema: { pattern: expect.any(String) } });
    expect(list.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(["email", "phone", "externalId", "cursor", "consentExpiringBefore"]));
    expect(list.find((p: { name: string }) => p.name === "consentExpiringBefore").schema).toMatchObject({ type: "string", format: "date" });
    expect(components.schemas.ContactWithExpiringConsent.properties.expiring.items.required).toEqual(["topic", "channel", "grantedAt", "expiresAt"]);
    expect(list.find((p: { name: string }) => p.name === "limit").schema).toMatchObject({ maximum: 1000, default: 100 });
  });

  it("describes the send check's reasons, with retryAt for outside_sending_window and quiet_hours kept for old clients", async () => {
    const { components } = (await call("GET", "/openapi.json", { key: null })).body;
    const blocked = components.schemas.SendCheckResult.properties.blocked.items;
    expect(blocked.properties.reason.enum).toEqual(expect.arrayContaining(["outside_sending_window", "consent_expired", "quiet_hours"]));
    expect(blocked.properties.retryAt).toMatchObject({ type: "string" });
    expect(blocked.required).toEqual(["recipient", "reason"]);
  });

  it("describes campaigns: 202 or 200 with the campaign, 409 for a reused reference, per-language texts with Kazakh required", async () => {
    const { paths, components } = (await call("GET", "/openapi.json", { key: null })).body;
    const create = paths["/v1/campaigns"].post;
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(["200", "202", "400", "401", "403", "409", "413", "415", "429", "500", "503"]));
    expect(create.responses["202"].content["application/json"].schema.$ref).toBe("#/components/schemas/Campaign");
    const request = components.schemas.CampaignRequest;
    expect(request.required).toEqual(expect.arrayContaining(["topic", "channel", "reference", "subject", "html", "text", "recipients"]));
    expect(request.properties.recipients.maxItems).toBe(100_000);
    expect(request.properties.subject.required).toEqual(["kk"]);
    expect(components.schemas.Campaign.properties.status.enum).toEqual(["scheduled", "sending", "done", "cancelled", "failed"]);
    expect(paths["/v1/campaigns/{id}/cancel"].post.operationId).toBe("cancelCampaign");
  });

  it("says of a campaign's languages and sender exactly what validation accepts", async () => {
    const { components } = (await call("GET", "/openapi.json", { key: null })).body;
    const $defs = JSON.parse(JSON.stringify(components.schemas).replaceAll('"#/components/schemas/', '"#/$defs/'));
    const documented = new Validator({ $ref: "#/$defs/CampaignRequest", $defs }, "2020-12", false);
    const recipients = [{ email: "aigul.n@mail.kz" }];
    const bodies = {
      "kk and ru in all three": campaignBody({ recipients }),
      "Kazakh only": campaignBody({ recipients, subject: { kk: "a" }, html: { kk: "<p>a</p>" }, text: { kk: "a" } }),
      "ru in the subject only": campaignBody({ recipients, subject: { kk: "a", ru: "б" }, html: { kk: "<p>a</p>" }, text: { kk: "a" } }),
      "en in html and text, not the subject": campaignBody({ recipients, html: { kk: "<p>a</p>", ru: "<p>б</p>", en: "<p>c</p>" }, text: { kk: "a", ru: "б", en: "c" } }),
      "a named sender": campaignBody({ recipients, from: "Өрлеу <news@orleu.kz>" }),
      "a bare sender": campaignBody({ recipients, from: "news@orleu.kz" }),
      "a sender without a domain": campaignBody({ recipients, from: "Orleu <news>" }),
      "a sender with a space": campaignBody({ recipients, from: "news @orleu.kz" }),
    };
    const verdicts = Object.entries(bodies).map(([name, body]) => [name, documented.validate(body).valid, CampaignRequestSchema.safeParse(body).success]);
    expect(verdicts.map(([name, byDocument]) => [name, byDocument])).toEqual(verdicts.map(([name, , byService]) => [name, byService]));
    expect(verdicts.filter(([, valid]) => valid).map(([name]) => name)).toEqual(["kk and ru in all three", "Kazakh only", "a named sender", "a bare sender"]);
  });

  it("describes consent webhook endpoints: the secret only in the 201, the events, the delivery log", async () => {
    const { paths, components } = (await call("GET", "/openapi.json", { key: null })).body;
    const create = paths["/v1/webhook-endpoints"].post;
    expect(create.operationId).toBe("createWebhookEndpoint");
    expect(create.responses["201"].content["application/json"].schema.$ref).toBe("#/components/schemas/CreatedWebhookEndpoint");
    expect(components.schemas.CreatedWebhookEndpoint.allOf[1].required).toEqual(["secret"]);
    expect(components.schemas.WebhookEndpoint.properties).not.toHaveProperty("secret");
    expect(components.schemas.CreateWebhookEndpoint.properties.events.items.enum).toEqual(["consent.changed", "contact.erased", "suppression.added"]);
    expect(components.schemas.WebhookDelivery.properties.status.enum).toEqual(["pending", "delivered", "failed"]);
    expect(Object.keys(paths["/v1/webhook-endpoints/{id}/deliveries"].get.responses)).toEqual(expect.arrayContaining(["200", "400", "401", "403", "404", "429", "500", "503"]));
  });
});
