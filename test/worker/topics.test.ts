import { describe, expect, it } from "vitest";
import { call, expectStatus } from "./api";

describe("GET /v1/topics", () => {
  it("lists the catalog, every topic tied to §3.1(7) or §3.1(9) with kk/ru/en texts", async () => {
    const response = await call("GET", "/v1/topics");
    expectStatus(response, 200);
    const topics = response.body.topics as any[];
    expect(topics.map((t) => t.key)).toEqual([
      "service_updates",
      "offers_prices",
      "newsletter",
      "partner_offers",
      "advertising",
      "event_invitations",
      "surveys_research",
    ]);
    for (const topic of topics) {
      expect(["3.1(7)", "3.1(9)"]).toContain(topic.clause);
      expect(["opt_in", "opt_out"]).toContain(topic.consent);
      expect(topic.channels.length).toBeGreaterThan(0);
      for (const locale of ["kk", "ru", "en"]) {
        expect(topic.title[locale]).toBeTruthy();
        expect(topic.description[locale]).toBeTruthy();
      }
    }
    const partner = topics.find((t) => t.key === "partner_offers");
    expect(partner).toMatchObject({ clause: "3.1(7)", partner: true, consent: "opt_in" });
    expect(topics.filter((t) => t.clause === "3.1(9)").map((t) => t.key)).toEqual([
      "advertising",
      "event_invitations",
      "surveys_research",
    ]);
    expect(Object.fromEntries(topics.map((t) => [t.key, t.lifespanMonths]))).toMatchObject({ advertising: 24, partner_offers: 24, newsletter: null });
  });
});
