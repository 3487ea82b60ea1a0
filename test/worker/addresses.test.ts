import { describe, expect, it } from "vitest";
import { call, expectError, expectStatus, unique } from "./api";
import { sql } from "./db";

/** Addresses at the API: invisible characters are refused with the field, IDNA's dots read as dots. */
describe("email addresses at the API", () => {
  it.each([
    ["a zero-width space", "\u200b"],
    ["a right-to-left override", "\u202e"],
    ["a soft hyphen", "\u00ad"],
    ["NUL", "\u0000"],
    ["BEL", "\u0007"],
  ])("refuses an email with %s: 400 naming the email field, nothing written", async (_, char) => {
    const local = `t.${unique()}`;
    const response = await call("POST", "/v1/contacts", { body: { email: `${local}${char}@example.kz` } });
    expectError(response, 400, "invalid_request", [["email"]]);
    const stored = await sql.value("SELECT count(*) AS n FROM contacts WHERE email LIKE ?1", `${local}%`);
    expect(stored).toBe(0);
  });

  it("refuses such an address among a send check's recipients, naming its place", async () => {
    const response = await call("POST", "/v1/send-checks", {
      body: { topic: "newsletter", channel: "email", recipients: [{ email: "a@example.kz" }, { email: "b\u200b@example.kz" }] },
    });
    expectError(response, 400, "invalid_request", [["recipients", 1, "email"]]);
  });

  it("stores a domain written with full-width dots in its ASCII form", async () => {
    const local = `t.${unique()}`;
    const response = await call("POST", "/v1/contacts", { body: { email: `${local}@mail\uff0eexample\u3002kz` } });
    expectStatus(response, 201);
    expect(response.body.email).toBe(`${local}@mail.example.kz`);
  });
});
