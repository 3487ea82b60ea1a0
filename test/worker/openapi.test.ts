import { describe, expect, it } from "vitest";
import { call, expectStatus } from "./api";

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
        "POST /v1/send-checks",
        "POST /v1/api-keys",
        "GET /v1/api-keys",
        "DELETE /v1/api-keys/{id}",
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
  });
});
