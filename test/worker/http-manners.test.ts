import { describe, expect, it } from "vitest";
import { call, expectError } from "./api";

describe("HTTP manners (issue 16)", () => {
  it.each([
    ["PUT", "/v1/contacts", "GET, HEAD, POST"],
    ["PATCH", "/v1/contacts/ct_0123456789abcdef", "DELETE, GET, HEAD"],
    ["POST", "/v1/topics", "GET, HEAD"],
    ["PUT", "/v1/send-checks", "GET, HEAD, POST"],
    ["DELETE", "/v1/imports/imp_0123456789abcdef/errors", "GET, HEAD"],
    ["GET", "/webhooks/resend", "POST"],
    ["PUT", "/u/sometoken", "GET, HEAD, OPTIONS, POST"],
  ])("answers %s %s with 405 and the methods it takes", async (method, path, allow) => {
    const response = await call(method, path, { body: method === "GET" ? undefined : {} });
    expectError(response, 405, "method_not_allowed");
    expect(response.headers.get("Allow")).toBe(allow);
  });

  it("still answers an unknown path with 404", async () => {
    expectError(await call("PUT", "/v1/no-such-thing"), 404, "not_found");
  });

  it("names the Bearer scheme on a 401", async () => {
    const response = await call("GET", "/v1/topics", { key: null });
    expectError(response, 401, "unauthorized");
    expect(response.headers.get("WWW-Authenticate")).toBe("Bearer");
  });

  it("gives every operation an operationId, and the document its servers and licence", async () => {
    const { body } = await call("GET", "/openapi.json", { key: null });
    const operations = Object.values(body.paths as Record<string, Record<string, { operationId?: string }>>).flatMap((ops) => Object.values(ops));
    expect(operations.length).toBeGreaterThan(10);
    const ids = operations.map((op) => op.operationId);
    expect(ids.every((id) => typeof id === "string" && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(body.servers).toEqual([{ url: "https://prefs.test", description: "This deployment" }]);
    expect(body.info.license.name).toBeTruthy();
  });

  it("declares on every operation the answers any request may get: 405, 429 with Retry-After, 500, 503", async () => {
    const { body } = await call("GET", "/openapi.json", { key: null });
    for (const [path, operations] of Object.entries(body.paths as Record<string, Record<string, { responses: Record<string, any> }>>)) {
      for (const [method, operation] of Object.entries(operations)) {
        for (const status of ["405", "429", "500", "503"]) {
          const response = operation.responses[status];
          expect(response?.content?.["application/json"]?.schema, `${method} ${path} ${status}`).toEqual({ $ref: "#/components/schemas/Error" });
        }
        expect(operation.responses["429"].headers["Retry-After"], `${method} ${path}`).toBeDefined();
        expect(operation.responses["405"].headers.Allow, `${method} ${path}`).toBeDefined();
      }
    }
  });

  it("says in the document what validation accepts: topic keys, one recipient form, unique scopes, an identity", async () => {
    const { body } = await call("GET", "/openapi.json", { key: null });
    const { schemas } = body.components;
    const sendCheck = schemas.SendCheckRequest.properties;
    expect(sendCheck.topic.enum).toEqual(["service_updates", "offers_prices", "newsletter", "partner_offers", "advertising", "event_invitations", "surveys_research"]);
    expect(schemas.Recipient.oneOf).toEqual([{ required: ["email"] }, { required: ["phone"] }, { required: ["externalId"] }, { required: ["contactId"] }]);
    expect(schemas.CreateApiKey.properties.scopes.uniqueItems).toBe(true);
    expect(schemas.SaveContact.anyOf).toEqual([{ required: ["externalId"] }, { required: ["email"] }, { required: ["phone"] }]);
    expect(schemas.ConsentInput.properties.topic.enum).toContain("*");
  });
});
