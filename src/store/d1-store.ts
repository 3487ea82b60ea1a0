import { addressKindOf, type ALL, type Channel } from "../consent/channels";
import { notAfterReceipt } from "../consent/occurred-at";
import { scopeKey, type RecipientFacts } from "../consent/decision";
import type { ConsentSource, ConsentStatus } from "../consent/sources";
import type { AddressHasher } from "../crypto/address-hash";
import { eraseContact, findErasure } from "./d1/erasure";
import { D1ImportStore } from "./d1-import";
import { getConsentLedger, listConsentsBefore } from "./d1/proof";
import { matchIdentity, type Identity } from "../consent/identity";
import { newId } from "./ids";
import { createPrisma, type PrismaClient } from "./d1/prisma";
import type { Contact, ContactInput, NewConsentEvent, ScopeState } from "../consent/types";
import type { ApiKeyRecord, RecipientKey, RecipientLookup, SaveContactResult, SendCheckRecord, Store, WebhookDelivery } from "./types";

const RECIPIENT_COLUMNS: Record<RecipientKey, string> = {
  email: "email",
  phone: "phone",
  externalId: "external_id",
  contactId: "id",
};
/** A new contact racing another request for the same address: try again, then give up. */
const SAVE_ATTEMPTS = 3;

export class D1Store implements Store {
  #prisma: PrismaClient | undefined;

  constructor(
    private readonly db: D1Database,
    private readonly hasher: AddressHasher,
  ) {}

  get imports(): D1ImportStore {
    return new D1ImportStore(this.db, this.hasher);
  }

  private get prisma(): PrismaClient {
    this.#prisma ??= createPrisma(this.db);
    return this.#prisma;
  }

  async ping(): Promise<void> {
    await this.db.prepare("SELECT 1").first();
  }

  /**
   * Creates or updates a contact and appends its consent events in one D1 batch, which
   * D1 runs as one transaction: the contact, the events and (through the ledger trigger)
   * the current state are all written, or none is.
   */
  async saveContact(input: ContactInput, events: NewConsentEvent[]): Promise<SaveContactResult> {
    for (let attempt = 1; ; attempt++) {
      const target = await this.resolveIdentity(input);
      if ("conflict" in target) return { ok: false, conflict: target.conflict };
      const id = target.id ?? newId("ct");
      const now = new Date().toISOString();
      const eventIds = events.map(() => newId("ce"));
      const statements = [
        target.id ? await this.updateContact(id, input, now) : await this.insertContact(id, input, now),
        ...events.map((event, i) => this.appendEvent(id, event, { id: eventIds[i]!, now })),
      ];
      try {
        const [contact] = await this.db.batch(statements);
        // An update that matched nothing found the contact erased meanwhile and wrote nothing: look again.
        if (contact!.meta.changes > 0) return { ok: true, id, created: !target.id, eventIds };
        if (attempt >= SAVE_ATTEMPTS) throw new Error(`contact ${id} was erased while being saved, ${attempt} times`);
      } catch (error) {
        if (attempt >= SAVE_ATTEMPTS || !String(error).includes("UNIQUE constraint failed")) throw error;
      }
    }
  }

  /** Which existing contact the input names: by externalId, else email, else phone. */
  private async resolveIdentity(input: ContactInput): Promise<{ id?: string } | { conflict: (keyof ContactInput)[] }> {
    const { results } = await this.db
      .prepare(
        `SELECT id, external_id AS externalId, email, phone FROM contacts
         WHERE external_id = ?1 OR email = ?2 OR phone = ?3`,
      )
      .bind(input.externalId ?? null, input.email ?? null, input.phone ?? null)
      .all<Identity>();
    const found = matchIdentity(input, (field, value) => results.find((row) => row[field] === value));
    return "conflict" in found ? found : { id: found.target?.id };
  }

  private async insertContact(id: string, input: ContactInput, now: string): Promise<D1PreparedStatement> {
    const hashes = await this.addressHashes(input);
    return this.db
      .prepare(
        `INSERT INTO contacts (id, external_id, email, phone, email_hash, phone_hash, locale, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)`,
      )
      .bind(id, input.externalId ?? null, input.email ?? null, input.phone ?? null, hashes.email, hashes.phone, input.locale ?? "kk", now);
  }

  private async updateContact(id: string, input: ContactInput, now: string): Promise<D1PreparedStatement> {
    const hashes = await this.addressHashes(input);
    return this.db
      .prepare(
        `UPDATE contacts SET external_id = coalesce(?2, external_id), email = coalesce(?3, email),
           phone = coalesce(?4, phone), email_hash = coalesce(?5, email_hash), phone_hash = coalesce(?6, phone_hash),
           locale = coalesce(?7, locale), updated_at = ?8
         WHERE id = ?1 AND erased_at IS NULL`,
      )
      .bind(id, input.externalId ?? null, input.email ?? null, input.phone ?? null, hashes.email, hashes.phone, input.locale ?? null, now);
  }

  private async addressHashes(input: ContactInput) {
    return {
      email: input.email === undefined ? null : await this.hasher.hash("email", input.email),
      phone: input.phone === undefined ? null : await this.hasher.hash("phone", input.phone),
    };
  }

  /**
   * The one way an event for a known contact is appended: only while the contact is not
   * erased, and only if `condition` (SQL over ?1…?12, the event's values, and the `more`
   * values bound after them) holds. A pending grant records the keyed hash of the address
   * its confirmation is mailed to, so that only that address can confirm it.
   */
  private appendEvent(contactId: string, event: NewConsentEvent, options: { id?: string; now?: string; condition?: string; more?: unknown[] } = {}) {
    const { id = newId("ce"), now = new Date().toISOString(), condition = "TRUE", more = [] } = options;
    return this.db
      .prepare(
        `INSERT INTO consent_events (${EVENT_COLUMNS})
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,
           CASE WHEN ?5 = 'pending' THEN json_set(?12, '$.${CONFIRMATION_ADDRESS}', (SELECT email_hash FROM contacts WHERE id = ?2)) ELSE ?12 END
         WHERE EXISTS (SELECT 1 FROM contacts WHERE id = ?2 AND erased_at IS NULL) AND (${condition})`,
      )
      .bind(...eventValues(id, contactId, event, now), ...more);
  }

  /**
   * Appends a withdrawal unless that exact scope is already withdrawn (or the contact is
   * erased), in one statement: a repeated or concurrent click records one event.
   */
  async withdrawOnce(contactId: string, event: NewConsentEvent) {
    const id = newId("ce");
    const result = await this.appendEvent(
      contactId,
      { ...event, status: "withdrawn" },
      { id, condition: `NOT EXISTS (SELECT 1 FROM consent_states WHERE contact_id = ?2 AND topic = ?3 AND channel = ?4 AND status = 'withdrawn')` },
    ).run();
    return result.meta.changes > 0 ? { recorded: true as const, eventId: id } : { recorded: false as const };
  }

  /**
   * Puts the withdrawal's scope back to its status just before it (a grant, or nothing:
   * "cleared"), only while that withdrawal is still the latest event on its scope. The
   * status is read first; the insert's condition keeps it true when written.
   */
  async undoWithdrawal(contactId: string, withdrawalId: string, event: Omit<NewConsentEvent, "status">) {
    const before = await this.db
      .prepare(
        `SELECT p.status FROM consent_events w JOIN consent_events p
           ON p.contact_id = w.contact_id AND p.topic = w.topic AND p.channel = w.channel
         WHERE w.id = ?1 AND w.contact_id = ?2 AND p.status IN ('granted', 'withdrawn', 'cleared')
           AND (p.occurred_at, p.seq) < (w.occurred_at, w.seq)
         ORDER BY p.occurred_at DESC, p.seq DESC LIMIT 1`,
      )
      .bind(withdrawalId, contactId)
      .first<{ status: "granted" | "withdrawn" | "cleared" }>();
    const result = await this.appendEvent(
      contactId,
      { ...event, status: before?.status ?? "cleared", evidence: { ...event.evidence, undoes: withdrawalId } },
      {
        condition: `EXISTS (SELECT 1 FROM consent_events w
          WHERE w.id = ?13 AND w.contact_id = ?2 AND w.topic = ?3 AND w.channel = ?4 AND w.status = 'withdrawn'
            AND NOT EXISTS (SELECT 1 FROM consent_events later
              WHERE later.contact_id = ?2 AND later.topic = ?3 AND later.channel = ?4 AND later.seq > w.seq))`,
        more: [withdrawalId],
      },
    ).run();
    if (result.meta.changes > 0) return "undone";
    const done = await this.db
      .prepare(`SELECT 1 AS found FROM consent_events WHERE contact_id = ?1 AND json_extract(evidence, '$.undoes') = ?2`)
      .bind(contactId, withdrawalId)
      .first();
    return done ? "already" : "stale";
  }

  async findStoppedGrants(contactId: string) {
    const { results } = await this.db
      .prepare(
        `SELECT s.channel FROM consent_states s
         WHERE s.contact_id = ?1 AND s.topic = '*' AND s.status = 'withdrawn'
           AND (SELECT e.status FROM consent_events e
                WHERE e.contact_id = ?1 AND e.topic = '*' AND e.channel = s.channel AND e.status IN ('granted', 'cleared')
                ORDER BY e.occurred_at DESC, e.seq DESC LIMIT 1) = 'granted'`,
      )
      .bind(contactId)
      .all<{ channel: string }>();
    return results.map((r) => r.channel as Channel | typeof ALL);
  }

  async appendEvents(contactId: string, events: NewConsentEvent[]) {
    const now = new Date().toISOString();
    const eventIds = events.map(() => newId("ce"));
    const results = await this.db.batch(events.map((event, i) => this.appendEvent(contactId, event, { id: eventIds[i]!, now })));
    // One transaction, one condition: every insert happened, or none did.
    return results.every((r) => r.meta.changes > 0) ? { ok: true as const, eventIds } : { ok: false as const };
  }

  async confirmPending(contactId: string, pendingEventId: string, grant: NewConsentEvent) {
    const latestPending = `EXISTS (SELECT 1 FROM consent_events p
      WHERE p.id = ?13 AND p.contact_id = ?2 AND p.topic = ?3 AND p.channel = ?4 AND p.status = 'pending'
        AND NOT EXISTS (SELECT 1 FROM consent_events later
          WHERE later.contact_id = ?2 AND later.topic = ?3 AND later.channel = ?4 AND later.seq > p.seq)`;
    const sameAddress = `json_extract(p.evidence, '$.${CONFIRMATION_ADDRESS}') = (SELECT email_hash FROM contacts WHERE id = ?2)`;
    const result = await this.appendEvent(
      contactId,
      { ...grant, status: "granted" },
      { condition: `${latestPending} AND ${sameAddress})`, more: [pendingEventId] },
    ).run();
    if (result.meta.changes > 0) return "confirmed";
    const [done, open] = await this.db.batch<{ found: number }>([
      this.db
        .prepare(
          `SELECT 1 AS found FROM consent_events WHERE contact_id = ?1 AND status = 'granted' AND source = 'double_opt_in'
             AND json_extract(evidence, '$.confirms') = ?2`,
        )
        .bind(contactId, pendingEventId),
      this.db
        .prepare(
          `SELECT 1 AS found FROM consent_events p WHERE p.id = ?1 AND p.contact_id = ?2 AND p.status = 'pending'
             AND NOT EXISTS (SELECT 1 FROM consent_events later
               WHERE later.contact_id = ?2 AND later.topic = p.topic AND later.channel = p.channel AND later.seq > p.seq)`,
        )
        .bind(pendingEventId, contactId),
    ]);
    if (done!.results.length > 0) return "already";
    // Still the latest word on its scope, but mailed to an address the contact no longer has.
    return open!.results.length > 0 ? "address_changed" : "stale";
  }

  async findAwaitingConfirmation(contactId: string) {
    const { results } = await this.db
      .prepare(
        `SELECT p.topic, p.channel FROM consent_events p
         WHERE p.contact_id = ?1 AND p.status = 'pending'
           AND NOT EXISTS (SELECT 1 FROM consent_events later
             WHERE later.contact_id = ?1 AND later.topic = p.topic AND later.channel = p.channel AND later.seq > p.seq)`,
      )
      .bind(contactId)
      .all<{ topic: string; channel: string }>();
    return results;
  }

  async findContactByEmail(email: string): Promise<Contact | undefined> {
    const row = await this.db
      .prepare(`SELECT ${CONTACT_COLUMNS} FROM contacts WHERE email = ?1 AND erased_at IS NULL`)
      .bind(email)
      .first<Contact>();
    return row ?? undefined;
  }

  async findContactByPhone(phone: string): Promise<Contact | undefined> {
    const row = await this.db
      .prepare(`SELECT ${CONTACT_COLUMNS} FROM contacts WHERE phone = ?1 AND erased_at IS NULL`)
      .bind(phone)
      .first<Contact>();
    return row ?? undefined;
  }

  async regrantWithdrawnBy(contactId: string, source: ConsentSource, grant: NewConsentEvent): Promise<{ recorded: boolean }> {
    const result = await this.appendEvent(
      contactId,
      { ...grant, status: "granted" },
      {
        condition: `EXISTS (SELECT 1 FROM consent_states s JOIN consent_events e ON e.seq = s.event_seq
          WHERE s.contact_id = ?2 AND s.topic = ?3 AND s.channel = ?4 AND s.status = 'withdrawn' AND e.source = ?13)`,
        more: [source],
      },
    ).run();
    return { recorded: result.meta.changes > 0 };
  }

  /**
   * One D1 batch (one transaction): every effect runs only while the delivery is unrecorded,
   * and the delivery's row comes last. A replay, even a concurrent one, finds the row and
   * writes nothing; the row's insert then changes nothing, which is how a duplicate shows.
   */
  async recordWebhookDelivery(delivery: WebhookDelivery): Promise<{ duplicate: boolean; events: number }> {
    const now = new Date().toISOString();
    // The delivery's key is bound after each statement's own values, as ?n and ?n+1.
    const unrecorded = (n: number) => `NOT EXISTS (SELECT 1 FROM webhook_deliveries WHERE source = ?${n} AND message_id = ?${n + 1})`;
    const key = [delivery.source, delivery.messageId];
    const suppressions = await Promise.all(
      delivery.suppressions.map(async (s) =>
        this.db
          .prepare(
            `INSERT INTO suppressions (address_hash, channel, reason, created_at, evidence)
             SELECT ?1, ?2, ?3, ?4, ?5 WHERE ${unrecorded(6)}
             ON CONFLICT (address_hash, channel) DO NOTHING`,
          )
          .bind(await this.hasher.hash(s.kind, s.address), s.channel, s.reason, now, JSON.stringify(s.evidence), ...key),
      ),
    );
    const events = delivery.events.map(({ kind, address, event }) =>
      this.db
        .prepare(
          `INSERT INTO consent_events (${EVENT_COLUMNS})
           SELECT ?1, c.id, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12 FROM contacts c
           WHERE c.${kind === "email" ? "email" : "phone"} = ?2 AND c.erased_at IS NULL AND ${unrecorded(13)}`,
        )
        .bind(...eventValues(newId("ce"), address, event, now), ...key),
    );
    const record = this.db
      .prepare(
        `INSERT INTO webhook_deliveries (source, message_id, type, outcome, received_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (source, message_id) DO NOTHING`,
      )
      .bind(...key, delivery.type, delivery.outcome, now);
    const results = await this.db.batch([...suppressions, ...events, record]);
    const written = results.slice(suppressions.length, -1).reduce((sum, r) => sum + r.meta.changes, 0);
    return { duplicate: results.at(-1)!.meta.changes === 0, events: written };
  }

  getConsentLedger(contactId: string) {
    return getConsentLedger(this.db, CONTACT_COLUMNS, contactId);
  }

  eraseContact(contactId: string, apiKeyId: string) {
    return eraseContact(this.db, contactId, apiKeyId);
  }

  findErasure(contactId: string) {
    return findErasure(this.db, contactId);
  }

  listConsentsBefore(query: { before: string; after: string | undefined; limit: number }) {
    return listConsentsBefore(this.db, query);
  }

  /** Raw D1, one round trip: unsubscribe clicks and the email handler read a contact on every request. */
  async getContact(id: string) {
    const [contacts, states] = await this.db.batch([
      this.db
        .prepare(`SELECT ${CONTACT_COLUMNS} FROM contacts WHERE id = ?1`)
        .bind(id),
      this.db
        .prepare("SELECT topic, channel, status, occurred_at AS occurredAt FROM consent_states WHERE contact_id = ?1 AND status <> 'cleared'")
        .bind(id),
    ]);
    const contact = contacts!.results[0] as Contact | undefined;
    return contact && { contact, states: states!.results as ScopeState[] };
  }

  /**
   * One query per way of naming recipients, all in one round trip: each joins the given
   * values (as a JSON array, so 10,000 of them are one bound parameter) to contacts, with
   * the contact's states for the four scopes that matter and its suppression for the channel.
   */
  async findRecipients({ topic, channel, values }: RecipientLookup) {
    const hashColumn = addressKindOf(channel) === "email" ? "email_hash" : "phone_hash";
    const addressColumn = addressKindOf(channel);
    const keys = (Object.keys(RECIPIENT_COLUMNS) as RecipientKey[]).filter((key) => values[key].length > 0);
    const statements = keys.map((key) =>
      this.db
        .prepare(
          `SELECT j.value AS value, c.id AS contactId, c.erased_at IS NOT NULL AS erased, c.${addressColumn} IS NOT NULL AS hasAddress,
             (SELECT max(x.reason = 'erased') FROM suppressions x WHERE x.address_hash = c.${hashColumn} AND x.channel IN (?3, '*')) AS suppression,
             (SELECT group_concat(s.topic || ' ' || s.channel || ' ' || s.status, char(10)) FROM consent_states s
               WHERE s.contact_id = c.id AND s.topic IN (?2, '*') AND s.channel IN (?3, '*')) AS states,
             EXISTS (SELECT 1 FROM consent_events p WHERE p.contact_id = c.id AND p.topic = ?2 AND p.channel = ?3 AND p.status = 'pending'
               AND NOT EXISTS (SELECT 1 FROM consent_events l WHERE l.contact_id = c.id AND l.topic = ?2 AND l.channel = ?3 AND l.seq > p.seq)) AS awaiting
           FROM json_each(?1) j JOIN contacts c ON c.${RECIPIENT_COLUMNS[key]} = j.value`,
        )
        .bind(JSON.stringify(values[key]), topic, channel),
    );
    const found = { email: new Map(), phone: new Map(), externalId: new Map(), contactId: new Map() } as Record<
      RecipientKey,
      Map<string, RecipientFacts>
    >;
    if (statements.length === 0) return found;
    const results = await this.db.batch<RecipientRow>(statements);
    keys.forEach((key, i) => {
      for (const row of results[i]!.results) found[key].set(row.value, toFacts(row));
    });
    await this.markErasedAddresses(found, values);
    return found;
  }

  /** An address nobody has any more may be one an erased person had: that is "erased", not "unknown". */
  private async markErasedAddresses(found: Record<RecipientKey, Map<string, RecipientFacts>>, values: Record<RecipientKey, string[]>) {
    const unknown: { kind: "email" | "phone"; value: string; hash: string }[] = [];
    for (const kind of ["email", "phone"] as const) {
      for (const value of new Set(values[kind])) {
        if (!found[kind].has(value)) unknown.push({ kind, value, hash: await this.hasher.hash(kind, value) });
      }
    }
    const erased = await this.findErasedAddresses(unknown.map((u) => u.hash));
    for (const u of unknown) if (erased.has(u.hash)) found[u.kind].set(u.value, { found: false, erased: true });
  }

  private async findErasedAddresses(hashes: string[]): Promise<Set<string>> {
    if (hashes.length === 0) return new Set();
    const { results } = await this.db
      .prepare(
        `SELECT DISTINCT address_hash AS hash FROM suppressions
         WHERE reason = 'erased' AND address_hash IN (SELECT value FROM json_each(?1))`,
      )
      .bind(JSON.stringify(hashes))
      .all<{ hash: string }>();
    return new Set(results.map((row) => row.hash));
  }

  async recordSendCheck(record: SendCheckRecord): Promise<void> {
    await this.db
      .prepare(
        `INSERT INTO send_checks (id, api_key_id, topic, channel, campaign, send_at, created_at, recipients, allowed, blocked, reasons)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)`,
      )
      .bind(
        record.id,
        record.apiKeyId,
        record.topic,
        record.channel,
        record.campaign,
        record.sendAt,
        record.createdAt,
        record.recipients,
        record.allowed,
        record.blocked,
        JSON.stringify(record.reasons),
      )
      .run();
  }

  /** On every authenticated request, so raw D1 rather than Prisma's per-request client. */
  async findApiKeyByHash(hash: string): Promise<ApiKeyRecord | undefined> {
    const row = await this.db
      .prepare(
        `SELECT id, name, prefix, scopes, created_at AS createdAt, created_by AS createdBy, revoked_at AS revokedAt
         FROM api_keys WHERE hash = ?1`,
      )
      .bind(hash)
      .first<ApiKeyRow>();
    return row ? toApiKey(row) : undefined;
  }

  async createApiKey(record: ApiKeyRecord & { hash: string }): Promise<void> {
    await this.prisma.apiKey.create({ data: { ...record, scopes: record.scopes.join(" ") } });
  }

  async listApiKeys(): Promise<ApiKeyRecord[]> {
    const rows = await this.prisma.apiKey.findMany({ orderBy: { createdAt: "asc" } });
    return rows.map(toApiKey);
  }

  async revokeApiKey(id: string, at: string): Promise<ApiKeyRecord | undefined> {
    // One statement: revoking twice keeps the first revocation time.
    await this.prisma.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } });
    const row = await this.prisma.apiKey.findUnique({ where: { id } });
    return row ? toApiKey(row) : undefined;
  }
}

const CONTACT_COLUMNS = `id, external_id AS externalId, email, phone, locale, created_at AS createdAt, updated_at AS updatedAt,
  erased_at AS erasedAt`;

/** The evidence key of a pending grant naming (by keyed hash) the address its confirmation went to. */
const CONFIRMATION_ADDRESS = "confirmationSentTo";

const EVENT_COLUMNS =
  "id, contact_id, topic, channel, status, source, occurred_at, recorded_at, policy_version, locale, actor, evidence";

function eventValues(id: string, contactId: string, event: NewConsentEvent, now: string) {
  const { topic, channel, status, source, occurredAt, policyVersion, locale, actor, evidence } = notAfterReceipt(event, now);
  return [id, contactId, topic, channel, status, source, occurredAt, now, policyVersion, locale, actor, JSON.stringify(evidence)];
}

interface RecipientRow {
  value: string;
  contactId: string;
  erased: number;
  hasAddress: number;
  /** null: none; 0: suppressed (bounce, complaint); 1: an erased person's address, until a new grant lifts it (0006). */
  suppression: number | null;
  states: string | null;
  awaiting: number;
}

function toFacts(row: RecipientRow): RecipientFacts {
  const states = new Map<string, ConsentStatus>();
  for (const line of row.states?.split("\n") ?? []) {
    const [topic = "", channel = "", status] = line.split(" ");
    states.set(scopeKey(topic, channel), status as ConsentStatus);
  }
  const erased = row.erased === 1 || row.suppression === 1;
  return { found: true, contactId: row.contactId, erased, hasAddress: row.hasAddress === 1, suppressed: row.suppression !== null, states, awaitingConfirmation: row.awaiting === 1 };
}

interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  scopes: string;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
}

function toApiKey(row: ApiKeyRow): ApiKeyRecord {
  const { id, name, prefix, createdAt, createdBy, revokedAt } = row;
  return { id, name, prefix, scopes: row.scopes.split(" ").filter(Boolean), createdAt, createdBy, revokedAt };
}

