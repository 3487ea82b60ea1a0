import { CLAUSE_TITLES, CLAUSES, findTopic, grantHolds, TOPICS, type Clause, type Topic } from "./catalog";
import { ALL } from "./channels";
import { LOCALES, type Localized } from "./locales";
import type { LedgerStatus } from "./sources";
import { CONTACTS, ORGANISATION } from "./texts";
import type { Contact, LedgerEvent, ScopeState } from "./types";

/**
 * A person's consents as an ISO/IEC TS 27560 consent record in W3C DPV JSON-LD
 * (docs/consent-receipts.md): one dpv:ConsentRecord per scope (topic, channel) the ledger
 * speaks of, with its current status, its purposes (the policy's clauses), and every event
 * with its time, method (source) and notice (policy version). Pure: the ledger in, a document out.
 */
export interface ReceiptInput {
  contact: Contact;
  states: ScopeState[];
  events: LedgerEvent[];
  generatedAt: Date;
  /** The document's own address; every node's @id is a fragment of it. */
  documentUrl: string;
  /** The privacy policy's address, when there is one (POLICY_URL). */
  policyUrl: string | undefined;
}

export const RECEIPT_CONTEXT = {
  dpv: "https://w3id.org/dpv#",
  dct: "http://purl.org/dc/terms/",
  xsd: "http://www.w3.org/2001/XMLSchema#",
};

/**
 * DPV's consent statuses for the ledger's own. Not here: suppressed (about an address) and
 * the "less often" statuses (paused, resumed, digest, digest_off), which hold what consent
 * allows and never change it (docs/decision.md).
 */
type ConsentEventStatus = Exclude<LedgerStatus, "suppressed" | "paused" | "resumed" | "digest" | "digest_off">;
const EVENT_STATUS: Record<ConsentEventStatus, string> = {
  granted: "dpv:ConsentGiven",
  withdrawn: "dpv:ConsentWithdrawn",
  pending: "dpv:ConsentRequested",
  cleared: "dpv:ConsentUnknown",
};

/** DPV's purpose for each topic: the policy's §3.1(7) is direct marketing; §3.1(9) advertising, marketing and its research. */
const TOPIC_PURPOSE: Record<string, string> = {
  service_updates: "dpv:DirectMarketing",
  offers_prices: "dpv:DirectMarketing",
  newsletter: "dpv:DirectMarketing",
  partner_offers: "dpv:DirectMarketing",
  advertising: "dpv:Advertising",
  event_invitations: "dpv:DirectMarketing",
  surveys_research: "dpv:Marketing",
};

export function consentReceipt(input: ReceiptInput) {
  const id = (fragment: string) => ({ "@id": `${input.documentUrl}#${fragment}` });
  const ref = (iri: string) => ({ "@id": iri });
  const time = (value: string) => ({ "@value": value, "@type": "xsd:dateTime" });
  const { contact } = input;
  const events = input.events.filter((e): e is LedgerEvent & { status: ConsentEventStatus } => e.status in EVENT_STATUS);
  const scopes = [...new Set(events.map((e) => scopeOf(e)))];

  const controller = {
    ...id("controller"),
    "@type": ["dpv:DataController", "dpv:LegalEntity"],
    "dpv:hasName": localized(ORGANISATION),
    "dpv:hasContact": [`mailto:${CONTACTS.email}`, `tel:${CONTACTS.tel}`],
  };
  // Mirrors the JSON proof, which shows the contact's own fields: its ids, email and phone.
  const subject = {
    ...id("subject"),
    "@type": "dpv:DataSubject",
    "dpv:hasIdentifier": [contact.id, ...(contact.externalId !== null ? [contact.externalId] : [])],
    "dpv:hasContact": [...(contact.email !== null ? [`mailto:${contact.email}`] : []), ...(contact.phone !== null ? [`tel:${contact.phone}`] : [])],
  };
  const notices = [...new Set(events.map((e) => e.policyVersion))].sort().map((version) => ({
    ...id(`notice-${version}`),
    "@type": "dpv:PrivacyNotice",
    "dct:hasVersion": version,
    ...(input.policyUrl ? { "dct:source": ref(input.policyUrl) } : {}),
  }));
  const clauses = CLAUSES.map((clause) => ({
    ...id(clauseFragment(clause)),
    "@type": "dpv:Purpose",
    "dct:identifier": `§${clause}`,
    "dct:title": localized(CLAUSE_TITLES[clause]),
  }));
  const purposes = TOPICS.map((topic) => ({
    ...id(`purpose-${topic.key}`),
    "@type": ["dpv:Purpose", TOPIC_PURPOSE[topic.key] ?? "dpv:Marketing"],
    "dct:identifier": topic.key,
    "dct:title": localized(topic.title),
    "dct:description": localized(topic.description),
    "dct:isPartOf": id(clauseFragment(topic.clause)),
  }));

  const records = scopes.map((scope) => {
    const [topicKey, channel] = scope.split(" ") as [string, string];
    const topic = findTopic(topicKey);
    const scopeEvents = events.filter((e) => scopeOf(e) === scope);
    const state = input.states.find((s) => s.topic === topicKey && s.channel === channel);
    const status = recordStatus(topic, state, scopeEvents.at(-1)!, input.generatedAt);
    return {
      ...id(`record-${fragmentOf(topicKey)}-${fragmentOf(channel)}`),
      "@type": "dpv:ConsentRecord",
      "dpv:hasIdentifier": `${contact.id}/${topicKey}/${channel}`,
      "dpv:hasDataSubject": id("subject"),
      "dpv:hasDataController": id("controller"),
      "dpv:hasLegalBasis": ref("dpv:Consent"),
      "dpv:hasPurpose": topic ? [id(`purpose-${topic.key}`)] : TOPICS.map((t) => id(`purpose-${t.key}`)),
      "dct:coverage": channel === ALL ? "every channel" : channel,
      "dpv:hasConsentStatus": ref(status),
      "dpv:hasNotice": id(`notice-${scopeEvents.at(-1)!.policyVersion}`),
      ...(state ? { "dct:modified": time(state.occurredAt) } : {}),
      "dct:hasPart": scopeEvents.map((e) => ({
        ...id(`event-${e.id}`),
        "dpv:hasConsentStatus": ref(EVENT_STATUS[e.status]),
        "dpv:isIndicatedAtTime": time(e.occurredAt),
        "dct:created": time(e.recordedAt),
        "dpv:hasIndicationMethod": e.source,
        ...(e.actor === "recipient" ? { "dpv:isIndicatedBy": id("subject") } : { "dct:creator": e.actor }),
        "dpv:hasNotice": id(`notice-${e.policyVersion}`),
        ...(e.locale ? { "dct:language": e.locale } : {}),
      })),
    };
  });

  return {
    "@context": RECEIPT_CONTEXT,
    "@id": input.documentUrl,
    "dct:conformsTo": "ISO/IEC TS 27560:2023 (consent record information structure), as W3C DPV JSON-LD",
    "dct:created": time(input.generatedAt.toISOString()),
    "@graph": [controller, subject, ...notices, ...clauses, ...purposes, ...records],
  };
}

/** The record's status now: the scope's derived state, a grant past its topic's lifespan expired. */
function recordStatus(topic: Topic | undefined, state: ScopeState | undefined, latest: LedgerEvent, at: Date): string {
  if (state?.status === "withdrawn") return "dpv:ConsentWithdrawn";
  if (state?.status === "granted") return topic && !grantHolds(topic, state.occurredAt, at) ? "dpv:ConsentExpired" : "dpv:ConsentGiven";
  return latest.status === "pending" ? "dpv:ConsentRequested" : "dpv:ConsentUnknown";
}

function scopeOf(e: { topic: string; channel: string }): string {
  return `${e.topic} ${e.channel}`;
}

function fragmentOf(part: string): string {
  return part === ALL ? "all" : part;
}

function clauseFragment(clause: Clause): string {
  return `clause-${clause.replace(/[().]/g, "-").replace(/-+$/, "")}`;
}

function localized(text: Localized) {
  return LOCALES.map((locale) => ({ "@value": text[locale], "@language": locale }));
}
