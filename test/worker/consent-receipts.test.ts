import { describe, expect, it } from "vitest";
import { call, createContact, expectError, expectStatus, freshEmail, freshPhone, grant, withdraw } from "./api";

type Node = Record<string, any>;

async function receipt(id: string, init: { query?: string; accept?: string } = {}) {
  const response = await call("GET", `/v1/contacts/${id}/consents${init.query ?? "?format=dpv"}`, init.accept ? { headers: { Accept: init.accept } } : {});
  expectStatus(response, 200);
  return { response, graph: response.body["@graph"] as Node[] };
}

const byType = (graph: Node[], type: string) => graph.filter((n) => [n["@type"]].flat().includes(type));
const fragment = (node: Node) => String(node["@id"]).split("#")[1];

describe("GET /v1/contacts/{id}/consents?format=dpv", () => {
  it("answers an ISO/IEC TS 27560 record in DPV JSON-LD: controller, subject, notices, purposes by clause, a record per scope", async () => {
    const threeYearsAgo = new Date(Date.now() - 3 * 365 * 86_400_000).toISOString();
    const contact = await createContact({
      email: freshEmail(),
      phone: freshPhone(),
      externalId: `crm-${Date.now()}`,
      consents: [
        grant("*", "*", { policyVersion: "2023-01", occurredAt: "2024-02-01T09:00:00Z", evidence: { ip: "192.0.2.7" } }),
        withdraw("*", "email"),
        grant("advertising", "sms", { occurredAt: threeYearsAgo }),
        grant("newsletter", "whatsapp"),
      ],
    });
    const { response, graph } = await receipt(contact.id);
    expect(response.headers.get("Content-Type")).toBe("application/ld+json; charset=utf-8");
    expect(response.body["@context"]).toEqual({ dpv: "https://w3id.org/dpv#", dct: "http://purl.org/dc/terms/", xsd: "http://www.w3.org/2001/XMLSchema#" });
    expect(response.body["dct:conformsTo"]).toContain("ISO/IEC TS 27560");

    const [controller] = byType(graph, "dpv:DataController");
    expect(controller!["dpv:hasName"]).toContainEqual({ "@value": "АО «Национальный центр повышения квалификации «Өрлеу»»", "@language": "ru" });
    expect(controller!["dpv:hasContact"]).toEqual(["mailto:kuzhat@orleu-edu.kz", "tel:+77172574600"]);
    const [subject] = byType(graph, "dpv:DataSubject");
    expect(subject!["dpv:hasIdentifier"]).toEqual([contact.id, contact.externalId]);
    // As the JSON proof shows them, and nothing more of the person.
    expect(subject!["dpv:hasContact"]).toEqual([`mailto:${contact.email}`, `tel:${contact.phone}`]);
    expect(JSON.stringify(response.body)).not.toContain("192.0.2.7");

    expect(byType(graph, "dpv:PrivacyNotice").map((n) => n["dct:hasVersion"])).toEqual(["2023-01", "2024-01"]);
    const advertising = graph.find((n) => fragment(n) === "purpose-advertising")!;
    expect(advertising["@type"]).toEqual(["dpv:Purpose", "dpv:Advertising"]);
    expect(fragment(advertising["dct:isPartOf"])).toBe("clause-3-1-9");
    expect(graph.find((n) => fragment(n) === "clause-3-1-7")!["dct:identifier"]).toBe("§3.1(7)");

    const records = byType(graph, "dpv:ConsentRecord");
    const status = Object.fromEntries(records.map((r) => [fragment(r), r["dpv:hasConsentStatus"]["@id"]]));
    expect(status).toEqual({
      "record-all-all": "dpv:ConsentGiven",
      "record-all-email": "dpv:ConsentWithdrawn",
      "record-advertising-sms": "dpv:ConsentExpired",
      "record-newsletter-whatsapp": "dpv:ConsentGiven",
    });
    const all = records.find((r) => fragment(r) === "record-all-all")!;
    expect(all["dpv:hasPurpose"]).toHaveLength(7);
    expect(all["dpv:hasDataController"]["@id"]).toBe(controller!["@id"]);
    expect(all["dpv:hasDataSubject"]["@id"]).toBe(subject!["@id"]);
    expect(all["dct:hasPart"]).toEqual([
      expect.objectContaining({
        "dpv:hasConsentStatus": { "@id": "dpv:ConsentGiven" },
        "dpv:isIndicatedAtTime": { "@value": "2024-02-01T09:00:00.000Z", "@type": "xsd:dateTime" },
        "dpv:hasIndicationMethod": "web_form",
        "dct:creator": "api_key:admin",
        "dpv:hasNotice": { "@id": expect.stringMatching(/#notice-2023-01$/) },
      }),
    ]);
    const stop = records.find((r) => fragment(r) === "record-all-email")!;
    expect(stop["dct:hasPart"][0]["dpv:hasConsentStatus"]).toEqual({ "@id": "dpv:ConsentWithdrawn" });
    expect(stop["dct:hasPart"][0]["dpv:hasIndicationMethod"]).toBe("api");
  });

  it("records the recipient's own withdrawal as indicated by the data subject", async () => {
    const contact = await createContact({ email: freshEmail(), consents: [grant("*", "*")] });
    const check = await call("POST", "/v1/send-checks", { body: { topic: "newsletter", channel: "email", recipients: [{ contactId: contact.id }] } });
    expectStatus(check, 200);
    const url = new URL(check.body.allowed[0].unsubscribe.url as string);
    const click = await call("POST", url.pathname, { rawBody: "List-Unsubscribe=One-Click", headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(click.status).toBe(200);
    const { graph } = await receipt(contact.id);
    const stop = byType(graph, "dpv:ConsentRecord").find((r) => fragment(r) === "record-newsletter-email")!;
    expect(stop["dpv:hasConsentStatus"]).toEqual({ "@id": "dpv:ConsentWithdrawn" });
    const last = stop["dct:hasPart"].at(-1);
    expect(last).toMatchObject({ "dpv:hasConsentStatus": { "@id": "dpv:ConsentWithdrawn" }, "dpv:hasIndicationMethod": "one_click" });
    expect(last["dpv:isIndicatedBy"]["@id"]).toMatch(/#subject$/);
  });

  it("is chosen by Accept: application/ld+json too, and has no records for an empty ledger", async () => {
    const contact = await createContact({ phone: freshPhone() });
    const { response, graph } = await receipt(contact.id, { query: "", accept: "application/ld+json" });
    expect(response.headers.get("Content-Type")).toMatch(/^application\/ld\+json/);
    expect(byType(graph, "dpv:ConsentRecord")).toEqual([]);
    expect(byType(graph, "dpv:DataSubject")[0]!["dpv:hasContact"]).toEqual([`tel:${contact.phone}`]);
  });

  it("answers 404 for an unknown id and 410 for an erased contact", async () => {
    expectError(await call("GET", "/v1/contacts/ct_doesnotexist/consents?format=dpv"), 404, "not_found");
    const contact = await createContact({ email: freshEmail(), consents: [grant("*", "*")] });
    expectStatus(await call("DELETE", `/v1/contacts/${contact.id}`), 200);
    expectError(await call("GET", `/v1/contacts/${contact.id}/consents?format=dpv`), 410, "gone");
  });
});
