import { describe, expect, it } from "vitest";
import { sql } from "./db";
import { BASE, decisionFor, fetchWithMail, withPendingConfirmation } from "./with-mail";

/** POST /c/{token} confirms only what a form sends, as the confirmation page's button does. */
const SAME_ORIGIN = { Origin: BASE };

async function eventCount(contactId: string) {
  return sql.value("SELECT count(*) AS n FROM consent_events WHERE contact_id = ?1", contactId);
}

describe("POST /c/{token}", () => {
  it.each([
    ["no body", {}],
    ["a JSON body", { body: "{}", headers: { "Content-Type": "application/json" } }],
    ["a text body", { body: "confirm", headers: { "Content-Type": "text/plain" } }],
    ["a form's fields sent as JSON", { body: JSON.stringify({ confirm: "1" }), headers: { "Content-Type": "application/json; charset=utf-8" } }],
  ])("answers %s with 415 and confirms nothing", async (_, init: { body?: string; headers?: Record<string, string> }) => {
    const { contact, confirmUrl } = await withPendingConfirmation();
    const before = await eventCount(contact.id);
    const response = await fetchWithMail("POST", confirmUrl, { ...init, headers: { ...SAME_ORIGIN, ...init.headers } });
    expect(response.status, response.text).toBe(415);
    expect(JSON.parse(response.text).error.code).toBe("unsupported_media_type");
    expect(await eventCount(contact.id)).toBe(before);
    expect(await decisionFor(contact.id, "advertising")).not.toBe("allowed");
  });

  it.each([
    ["urlencoded", () => ({ body: new URLSearchParams() })],
    ["multipart", () => ({ body: new FormData() })],
  ])("confirms with a %s form, as the page's button sends", async (_, init) => {
    const { contact, confirmUrl } = await withPendingConfirmation();
    const response = await fetchWithMail("POST", confirmUrl, { ...init(), headers: SAME_ORIGIN });
    expect(response.status, response.text).toBe(200);
    expect(await decisionFor(contact.id, "advertising")).toBe("allowed");
  });
});
