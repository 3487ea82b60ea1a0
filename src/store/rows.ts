import { addressKindOf, ALL, type Channel } from "../consent/channels";
import { scopeKey, type RecipientFacts, type ScopeConsent } from "../consent/decision";
import type { CapCount, CapPeriod, FrequencyCap } from "../consent/frequency-caps";
import type { IdentityField } from "../consent/identity";
import { localeOf, LOCALES } from "../consent/locales";
import { notAfterReceipt } from "../consent/occurred-at";
import type { ConsentStatus } from "../consent/sources";
import type { ErasureRecord, LedgerEvent, NewConsentEvent } from "../consent/types";
import type { CampaignProgress, CampaignRecord, RecipientStatus, SendingRecipient } from "./campaign-types";
import type { ApiKeyRecord, RecipientKey, SendCheckRecord, SuppressionCounts } from "./types";

// What both backends share: the columns their statements read, the rows those answer and
// what each row becomes. Aliases are quoted, which SQLite and PostgreSQL both keep as
// written; flags are read as 0/1 on both (PostgreSQL's booleans cast to int), so one row
// type serves both twins of a statement (src/store/d1/*, src/store/pg/*).

export const CONTACT_COLUMNS = `id, external_id AS "externalId", email, phone, locale, created_at AS "createdAt",
  updated_at AS "updatedAt", erased_at AS "erasedAt"`;

/** SQL for a column's language if it names one we write in (localeOf), else NULL. */
export const knownLocaleSql = (column: string) => `CASE WHEN ${column} IN (${LOCALES.map((l) => `'${l}'`).join(", ")}) THEN ${column} END`;

export const IDENTITY_COLUMNS: Record<IdentityField, string> = { externalId: "external_id", email: "email", phone: "phone" };

export const RECIPIENT_COLUMNS: Record<RecipientKey, string> = { email: "email", phone: "phone", externalId: "external_id", contactId: "id" };

/** The contact's column holding the address a channel sends to, and its keyed hash's. */
export function addressColumns(channel: Channel) {
  const kind = addressKindOf(channel);
  return { address: kind, hash: kind === "email" ? "email_hash" : "phone_hash" };
}

/** The ledger's columns, in the order eventValues gives their values (?1…?13 on D1, $1…$13 on PostgreSQL). */
export const EVENT_COLUMNS =
  "id, contact_id, topic, channel, status, source, occurred_at, recorded_at, policy_version, locale, actor, evidence, until";

export function eventValues(id: string, contactId: string, event: NewConsentEvent, now: string) {
  const { topic, channel, status, source, occurredAt, policyVersion, locale, actor, evidence, until = null } = notAfterReceipt(event, now);
  return [id, contactId, topic, channel, status, source, occurredAt, now, policyVersion, locale, actor, JSON.stringify(evidence), until];
}

/** The evidence key of a pending grant naming (by keyed hash) the address its confirmation went to. */
export const CONFIRMATION_ADDRESS = "confirmationSentTo";

export const LEDGER_EVENT_COLUMNS = `seq, id, topic, channel, status, source, occurred_at AS "occurredAt",
  recorded_at AS "recordedAt", policy_version AS "policyVersion", locale, actor, evidence, until`;

export type LedgerEventRow = Omit<LedgerEvent, "evidence"> & { evidence: string };

export const toLedgerEvent = (row: LedgerEventRow): LedgerEvent => ({ ...row, evidence: JSON.parse(row.evidence) as Record<string, unknown> });

/**
 * Evidence the service itself writes that identifies nobody: link key ids, the send check
 * or pending event a click refers to, the button pressed. Kept through erasure on events
 * with a service source only; every other member of the evidence (an IP, a user agent, a
 * message id, anything an API caller sent, whose keys may be addresses too) is removed,
 * and the evidence says "erased": true. D1's migration 0010 repeats both lists for the
 * events it repaired.
 */
export const EVIDENCE_KEPT_THROUGH_ERASURE = ["linkKeyId", "sendCheckId", "confirms", "confirmBy", "choice", "senderIsContact", "undoes"];

/**
 * What a suppression of an erased address may still say: why it exists. Suppressions are
 * no longer written with a provider's message ids (one leads back to the address), but a
 * row from before migration 0010, or a writer that forgets, loses anything else here.
 */
export const SUPPRESSION_EVIDENCE_KEPT_THROUGH_ERASURE = ["provider", "type", "bounceType", "bounceSubType", "erasure"];

export const ERASURE_COLUMNS = `id, contact_id AS "contactId", erased_at AS "erasedAt", api_key_id AS "apiKeyId",
  ledger_events AS "ledgerEvents", addresses`;

export interface ErasureRow extends Omit<ErasureRecord, "addresses"> {
  addresses: string;
}

export function toErasure(row: ErasureRow): ErasureRecord {
  return { ...row, addresses: JSON.parse(row.addresses) as ErasureRecord["addresses"] };
}

/** One recipient found by a send check's lookup (src/store/*\/recipients.ts). */
export interface RecipientRow {
  /** Where the value it was found by stands in the lookup's list (0-based): a number, not the value echoed back. */
  at: number;
  contactId: string;
  locale: string;
  erased: number;
  hasAddress: number;
  /** null: none; 0: suppressed (bounce, complaint); 1: an erased person's address, until a new grant lifts it. */
  suppression: number | null;
  /** "topic channel status occurredAt" lines for the four scopes that decide. */
  states: string | null;
  awaiting: number;
  /** "topic period max sent" lines: the frequency caps this person has reached ("*": every topic), with the sends each counted; null for none. */
  capsReached: string | null;
  /**
   * "until digest" from the contact's cadence on the channel (one read for both): the latest
   * end of the pauses of the four scopes ("" for none), and 1 when the topic is kept to its
   * digest; null without any cadence on the channel.
   */
  cadence: string | null;
}

/** Reads one of the send check's rows on `channel` into the decision's facts. */
export function recipientFacts(row: RecipientRow, channel: Channel): RecipientFacts {
  const states = new Map<string, ScopeConsent>();
  for (const line of row.states?.split("\n") ?? []) {
    const [topic = "", scopeChannel = "", status, since = ""] = line.split(" ");
    states.set(scopeKey(topic, scopeChannel), { status: status as ConsentStatus, since });
  }
  const erased = row.erased === 1 || row.suppression === 1;
  const [until, digest] = row.cadence?.split(" ") ?? [];
  return {
    found: true,
    contactId: row.contactId,
    locale: localeOf(row.locale),
    erased,
    hasAddress: row.hasAddress === 1,
    suppressed: row.suppression !== null,
    states,
    awaitingConfirmation: row.awaiting === 1,
    capsReached: row.capsReached?.split("\n").map((line) => toCapCount(line, channel)) ?? [],
    pausedUntil: until || null,
    digestOnly: digest === "1",
  };
}

function toCapCount(line: string, channel: Channel): CapCount {
  const [topic = ALL, period, max, sent] = line.split(" ");
  return { channel, topic: topic === ALL ? null : topic, period: period as CapPeriod, max: Number(max), sent: Number(sent) };
}

/**
 * What the send check's lookup adds for frequency caps: `with`, the caps on the channel
 * (?3 on D1, $3 on PostgreSQL) that may apply to the topic (?2/$2): at most two, the
 * channel's ("*") and the topic's, read once per statement with each one's window start
 * (bound as parameters); and `column`, per contact, the caps reached as "topic period max
 * sent" lines, NULL when none is (as nearly always; the maxes are compared first, the lines
 * made only for a contact at a cap): a cap not reached cannot block, so its count need not travel, and neither need the caps themselves on every row (they were a
 * third of a 10,000-row answer's bytes on D1, whose rows cross into the Worker as JSON).
 * The sends of the channel cap's window and the topic's sends in the topic cap's are
 * counted in one range of the primary key of sends (contact_id, channel, sent_at, topic, …)
 * from the earlier window start: one index seek per contact however many caps (two seeks
 * cost twice: 30 -> 15 ms for 10,000 contacts with two caps), and none without a cap (the
 * EXISTS is uncorrelated). Materialized, so PostgreSQL reads the caps once, not once per
 * contact. The times are ISO text of one fixed form, so the range compares alike in any
 * collation, and PostgreSQL keeps the index's (no COLLATE "C").
 */
export function capsReachedSql(p: { topic: string; channel: string; day: string; week: string; month: string }, concat: (line: string) => string) {
  const since = `CASE period WHEN 'day' THEN ${p.day} WHEN 'week' THEN ${p.week} ELSE ${p.month} END`;
  const start = (which: string) => `(SELECT since FROM k WHERE ${which})`;
  const sent = "CASE k.topic WHEN '*' THEN n.any_topic ELSE n.this_topic END";
  const maxOf = (which: string) => `(SELECT max FROM k WHERE ${which})`;
  return {
    with: `WITH k AS MATERIALIZED (SELECT topic, period, max, ${since} AS since FROM frequency_caps WHERE channel = ${p.channel} AND topic IN (${p.topic}, '*'))`,
    column: `CASE WHEN EXISTS (SELECT 1 FROM k) THEN (
        SELECT CASE WHEN n.any_topic >= ${maxOf("topic = '*'")} OR n.this_topic >= ${maxOf("topic <> '*'")}
          THEN (SELECT ${concat(`k.topic || ' ' || k.period || ' ' || k.max || ' ' || ${sent}`)} FROM k WHERE ${sent} >= k.max) END
        FROM (SELECT count(CASE WHEN x.sent_at > ${start("topic = '*'")} THEN 1 END) AS any_topic,
            count(CASE WHEN x.topic = ${p.topic} AND x.sent_at > ${start("topic <> '*'")} THEN 1 END) AS this_topic
          FROM sends x WHERE x.contact_id = c.id AND x.channel = ${p.channel} AND x.sent_at > (SELECT min(since) FROM k)) n) END AS "capsReached"`,
  };
}

export const FREQUENCY_CAP_COLUMNS = "channel, topic, max, period";

export type FrequencyCapRow = { channel: Channel; topic: string; max: number; period: CapPeriod };

export const toFrequencyCap = (row: FrequencyCapRow): FrequencyCap => ({ ...row, topic: row.topic === ALL ? null : row.topic, max: Number(row.max) });

export const SEND_CHECK_COLUMNS = `id, api_key_id AS "apiKeyId", topic, channel, campaign, send_at AS "sendAt",
  created_at AS "createdAt", recipients, allowed, blocked, reasons, digest, committed`;

export type SendCheckRow = Omit<SendCheckRecord, "reasons" | "digest" | "committed"> & { reasons: string; digest: number; committed: number };

export const toSendCheck = ({ reasons, digest, committed, ...row }: SendCheckRow): SendCheckRecord => ({
  ...row,
  reasons: JSON.parse(reasons) as Record<string, number>,
  digest: digest === 1,
  committed: committed === 1,
});

export const API_KEY_COLUMNS = `id, name, prefix, scopes, created_at AS "createdAt", created_by AS "createdBy", revoked_at AS "revokedAt"`;

export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  /** Space-separated. */
  scopes: string;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
}

export function toApiKey(row: ApiKeyRow): ApiKeyRecord {
  const { id, name, prefix, createdAt, createdBy, revokedAt } = row;
  return { id, name, prefix, scopes: row.scopes.split(" ").filter(Boolean), createdAt, createdBy, revokedAt };
}

export function parseHeader(header: string | null): string[] | null {
  return header === null ? null : (JSON.parse(header) as string[]);
}

export const CAMPAIGN_COLUMNS = `id, api_key_id AS "apiKeyId", reference, request_hash AS "requestHash", topic, channel, from_address AS "from",
  reply_to AS "replyTo", content, send_at AS "sendAt", created_at AS "createdAt", send_check_id AS "sendCheckId", recipients, duplicates,
  blocked_at_start AS "blockedAtStart", batches, cancelled_at AS "cancelledAt", failed_at AS "failedAt", digest`;

/** The campaign's columns, in the order campaignValues gives their values (?1…?19 on D1, $1…$19 on PostgreSQL). */
export const CAMPAIGN_INSERT_COLUMNS = `id, api_key_id, reference, request_hash, topic, channel, from_address, reply_to, content, send_at,
  created_at, send_check_id, recipients, duplicates, blocked_at_start, batches, cancelled_at, failed_at, digest`;

export function campaignValues(c: CampaignRecord) {
  return [
    c.id, c.apiKeyId, c.reference, c.requestHash, c.topic, c.channel, c.from, c.replyTo, JSON.stringify(c.content), c.sendAt,
    c.createdAt, c.sendCheckId, c.recipients, c.duplicates, JSON.stringify(c.blockedAtStart), c.batches, c.cancelledAt, c.failedAt,
    c.digest ? 1 : 0,
  ];
}

export type CampaignRow = Omit<CampaignRecord, "content" | "blockedAtStart" | "digest"> & { content: string; blockedAtStart: string; digest: number };

export const toCampaign = ({ content, blockedAtStart, digest, ...row }: CampaignRow): CampaignRecord => ({
  ...row,
  digest: Number(digest) === 1,
  content: JSON.parse(content) as CampaignRecord["content"],
  blockedAtStart: JSON.parse(blockedAtStart) as Record<string, number>,
});

/** A claimed recipient as both backends read it: its language fixed at the claim, its address now. */
export interface SendingRow {
  contactId: string;
  locale: string;
  email: string | null;
}

export const toSending = (row: SendingRow): SendingRecipient => ({ contactId: row.contactId, locale: localeOf(row.locale), email: row.email });

/** Counts by status and reason, summed by progress() on both backends. */
export interface StatusCountRow {
  status: RecipientStatus;
  reason: string | null;
  delivery: string | null;
  n: number;
}

export function toProgress(
  counts: StatusCountRow[],
  batches: { total: number; open: number },
  errors: CampaignProgress["errors"],
): CampaignProgress {
  const progress: CampaignProgress = {
    byStatus: {},
    blockedByReason: {},
    failedByReason: {},
    deliveries: { bounced: 0, complained: 0 },
    batchesDone: Number(batches.total) - Number(batches.open),
    errors: errors.map((e) => ({ ...e, recipients: Number(e.recipients) })),
  };
  for (const { status, reason, delivery, n } of counts) {
    const count = Number(n);
    progress.byStatus[status] = (progress.byStatus[status] ?? 0) + count;
    if (status === "blocked" && reason) progress.blockedByReason[reason] = (progress.blockedByReason[reason] ?? 0) + count;
    if (status === "failed" && reason) progress.failedByReason[reason] = (progress.failedByReason[reason] ?? 0) + count;
    if (delivery === "bounced" || delivery === "complained") progress.deliveries[delivery] += count;
  }
  return progress;
}

export const SUPPRESSION_COLUMNS = `s.address_hash AS "addressHash", s.channel, s.reason, s.created_at AS "createdAt"`;

/**
 * A page of suppressions (`page` selects SUPPRESSION_COLUMNS, ordered and limited) with the
 * address of whichever contact, not erased, has the suppressed hash now (erasure cleared an
 * erased one's), in the page's order (`orderBy`, on the page's columns as `p`). The page is
 * cut first and only its rows are joined, each through the contacts' partial indexes on the
 * hashes (D1 0023, PostgreSQL 0015): 1,000 seeks a chunk of the export, where joining before
 * the cut, with no index, had SQLite build one over every contact for every chunk (10,000
 * suppressions and 100,000 contacts: 3.2 s for the whole export, 75 ms now).
 */
export const withSuppressionAddresses = (page: string, orderBy: string) =>
  `SELECT p.*, coalesce(ce.email, cp.phone) AS address FROM (${page}) p
   LEFT JOIN contacts ce ON ce.email_hash = p."addressHash" AND ce.erased_at IS NULL
   LEFT JOIN contacts cp ON cp.phone_hash = p."addressHash" AND cp.erased_at IS NULL
   ORDER BY ${orderBy}`;

export function toSuppressionCounts(rows: { reason: string; n: number | string }[]): SuppressionCounts {
  const counts: SuppressionCounts = { hard_bounce: 0, complaint: 0, erased: 0, erasures: 0 };
  for (const { reason, n } of rows) if (reason in counts) counts[reason as keyof SuppressionCounts] = Number(n);
  return counts;
}
