import type { ALL, Channel } from "../../consent/channels";
import type { ConsentSource } from "../../consent/sources";
import { localeOf, type Locale } from "../../consent/locales";
import type { Contact, NewConsentEvent, ScopeState } from "../../consent/types";
import { newId } from "../../ids";
import { CONFIRMATION_ADDRESS, CONTACT_COLUMNS, EVENT_COLUMNS, eventValues } from "../rows";
import type { Database, Sql } from "./database";

// Twins of src/store/d1/ledger.ts. D1 runs one writer at a time; PostgreSQL runs many, so each
// write for a contact first takes the contact's row (FOR UPDATE): concurrent writes for one
// person queue there, and the condition of each insert, a new statement, reads what the
// previous writer committed. The same lock keeps an erasure from passing a write in flight.

/** Takes the contact's row for this transaction; false when it is unknown or erased. */
export async function lockContact(tx: Sql, contactId: string): Promise<boolean> {
  return (await tx.first("SELECT 1 AS found FROM contacts WHERE id = $1 AND erased_at IS NULL FOR UPDATE", contactId)) !== undefined;
}

/**
 * The one way an event for a known contact is appended, inside a transaction: only while
 * the contact is not erased, and only if `condition` (SQL over $1…$13, the event's values,
 * and the `more` values bound after them) holds. A pending grant records the keyed hash of
 * the address its confirmation is mailed to, so that only that address can confirm it.
 */
export async function appendEvent(
  tx: Sql,
  contactId: string,
  event: NewConsentEvent,
  options: { id?: string; now?: string; condition?: string; more?: unknown[]; locked?: boolean } = {},
): Promise<boolean> {
  const { id = newId("ce"), now = new Date().toISOString(), condition = "TRUE", more = [], locked = false } = options;
  if (!locked && !(await lockContact(tx, contactId))) return false;
  const changed = await tx.run(
    `INSERT INTO consent_events (${EVENT_COLUMNS})
     SELECT $1::text, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text, $9::text, $10::text, $11::text,
       CASE WHEN $5::text = 'pending'
         THEN jsonb_set($12::text::jsonb, '{${CONFIRMATION_ADDRESS}}', coalesce(to_jsonb((SELECT email_hash FROM contacts WHERE id = $2::text)), 'null'))::text
         ELSE $12::text END, $13::text
     WHERE (${condition})`,
    ...eventValues(id, contactId, event, now),
    ...more,
  );
  return changed > 0;
}

/** Appends events for one contact in one transaction: every insert happens, or none does. */
export async function appendEvents(db: Database, contactId: string, events: NewConsentEvent[]) {
  const now = new Date().toISOString();
  const eventIds = events.map(() => newId("ce"));
  const appended = await db.transaction(async (tx) => {
    for (const [i, event] of events.entries()) {
      if (!(await appendEvent(tx, contactId, event, { id: eventIds[i]!, now }))) return false;
    }
    return true;
  });
  return appended ? { ok: true as const, eventIds } : { ok: false as const };
}

/** Appends a withdrawal unless that exact scope is already withdrawn (or the contact is erased). */
export async function withdrawOnce(db: Database, contactId: string, event: NewConsentEvent) {
  const id = newId("ce");
  const recorded = await db.transaction((tx) => appendEvent(tx, contactId, { ...event, status: "withdrawn" }, { id, condition: NOT_WITHDRAWN }));
  return recorded ? { recorded: true as const, eventId: id } : { recorded: false as const };
}

const NOT_WITHDRAWN = `NOT EXISTS (SELECT 1 FROM consent_states WHERE contact_id = $2 AND topic = $3 AND channel = $4 AND status = 'withdrawn')`;

/**
 * An RFC 8058 one-click: the contact and its states as they stood, read as its row is
 * locked (one statement), then the withdrawal appended as withdrawOnce does, in one
 * transaction. The event's language is `chosenLocale`, else the contact's own (pageLocaleOf).
 */
export async function withdrawOnceAndRead(db: Database, contactId: string, event: NewConsentEvent, chosenLocale: Locale | null) {
  const id = newId("ce");
  return db.transaction(async (tx) => {
    const row = await tx.first<Contact & { states: ScopeState[] | null }>(
      `SELECT ${CONTACT_COLUMNS},
         (SELECT json_agg(json_build_object('topic', s.topic, 'channel', s.channel, 'status', s.status, 'occurredAt', s.occurred_at))
          FROM consent_states s WHERE s.contact_id = c.id AND s.status <> 'cleared') AS states
       FROM contacts c WHERE c.id = $1 FOR UPDATE`,
      contactId,
    );
    if (!row) return undefined;
    const { states, ...contact } = row;
    const recorded =
      contact.erasedAt === null &&
      (await appendEvent(tx, contactId, { ...event, status: "withdrawn", locale: localeOf(chosenLocale, contact.locale) }, { id, condition: NOT_WITHDRAWN, locked: true }));
    return { contact, states: states ?? [], withdrawal: recorded ? { recorded: true as const, eventId: id } : { recorded: false as const } };
  });
}

/**
 * Puts the withdrawal's scope back to its status just before it (a grant, or nothing:
 * "cleared"), only while that withdrawal is still the latest event on its scope.
 */
export async function undoWithdrawal(db: Database, contactId: string, withdrawalId: string, event: Omit<NewConsentEvent, "status">) {
  const undone = await db.transaction(async (tx) => {
    if (!(await lockContact(tx, contactId))) return false;
    const before = await tx.first<{ status: "granted" | "withdrawn" | "cleared" }>(
      `SELECT p.status FROM consent_events w JOIN consent_events p
         ON p.contact_id = w.contact_id AND p.topic = w.topic AND p.channel = w.channel
       WHERE w.id = $1 AND w.contact_id = $2 AND p.status IN ('granted', 'withdrawn', 'cleared')
         AND (p.occurred_at COLLATE "C", p.seq) < (w.occurred_at COLLATE "C", w.seq)
       ORDER BY p.occurred_at COLLATE "C" DESC, p.seq DESC LIMIT 1`,
      withdrawalId,
      contactId,
    );
    return appendEvent(
      tx,
      contactId,
      { ...event, status: before?.status ?? "cleared", evidence: { ...event.evidence, undoes: withdrawalId } },
      {
        condition: `EXISTS (SELECT 1 FROM consent_events w
          WHERE w.id = $14 AND w.contact_id = $2 AND w.topic = $3 AND w.channel = $4 AND w.status = 'withdrawn'
            AND NOT EXISTS (SELECT 1 FROM consent_events later
              WHERE later.contact_id = $2 AND later.topic = $3 AND later.channel = $4 AND later.seq > w.seq))`,
        more: [withdrawalId],
      },
    );
  });
  if (undone) return "undone";
  const done = await db.first(`SELECT 1 AS found FROM consent_events WHERE contact_id = $1 AND evidence::jsonb->>'undoes' = $2`, contactId, withdrawalId);
  return done ? "already" : "stale";
}

export async function confirmPending(db: Database, contactId: string, pendingEventId: string, grant: NewConsentEvent) {
  const latestPending = `EXISTS (SELECT 1 FROM consent_events p
    WHERE p.id = $14 AND p.contact_id = $2 AND p.topic = $3 AND p.channel = $4 AND p.status = 'pending'
      AND NOT EXISTS (SELECT 1 FROM consent_events later
        WHERE later.contact_id = $2 AND later.topic = $3 AND later.channel = $4 AND later.seq > p.seq)`;
  const sameAddress = `p.evidence::jsonb->>'${CONFIRMATION_ADDRESS}' = (SELECT email_hash FROM contacts WHERE id = $2)`;
  const confirmed = await db.transaction((tx) =>
    appendEvent(tx, contactId, { ...grant, status: "granted" }, { condition: `${latestPending} AND ${sameAddress})`, more: [pendingEventId] }),
  );
  if (confirmed) return "confirmed";
  const [done, open] = await Promise.all([
    db.first(
      `SELECT 1 AS found FROM consent_events WHERE contact_id = $1 AND status = 'granted' AND source = 'double_opt_in'
         AND evidence::jsonb->>'confirms' = $2`,
      contactId,
      pendingEventId,
    ),
    db.first(
      `SELECT 1 AS found FROM consent_events p WHERE p.id = $1 AND p.contact_id = $2 AND p.status = 'pending'
         AND NOT EXISTS (SELECT 1 FROM consent_events later
           WHERE later.contact_id = $2 AND later.topic = p.topic AND later.channel = p.channel AND later.seq > p.seq)`,
      pendingEventId,
      contactId,
    ),
  ]);
  if (done) return "already";
  // Still the latest word on its scope, but mailed to an address the contact no longer has.
  return open ? "address_changed" : "stale";
}

export async function regrantWithdrawnBy(db: Database, contactId: string, source: ConsentSource, grant: NewConsentEvent) {
  const recorded = await db.transaction((tx) =>
    appendEvent(
      tx,
      contactId,
      { ...grant, status: "granted" },
      {
        condition: `EXISTS (SELECT 1 FROM consent_states s JOIN consent_events e ON e.seq = s.event_seq
          WHERE s.contact_id = $2 AND s.topic = $3 AND s.channel = $4 AND s.status = 'withdrawn' AND e.source = $14)`,
        more: [source],
      },
    ),
  );
  return { recorded };
}

export async function findAwaitingConfirmation(db: Database, contactId: string) {
  return db.all<{ topic: string; channel: string }>(
    `SELECT p.topic, p.channel FROM consent_events p
     WHERE p.contact_id = $1 AND p.status = 'pending'
       AND NOT EXISTS (SELECT 1 FROM consent_events later
         WHERE later.contact_id = $1 AND later.topic = p.topic AND later.channel = p.channel AND later.seq > p.seq)`,
    contactId,
  );
}

export async function findRecordedChannels(db: Database, contactId: string) {
  const rows = await db.all<{ channel: string }>("SELECT DISTINCT channel FROM consent_events WHERE contact_id = $1", contactId);
  return rows.map((r) => r.channel);
}

export async function findStoppedGrants(db: Database, contactId: string) {
  const rows = await db.all<{ channel: string }>(
    `SELECT s.channel FROM consent_states s
     WHERE s.contact_id = $1 AND s.topic = '*' AND s.status = 'withdrawn'
       AND (SELECT e.status FROM consent_events e
            WHERE e.contact_id = $1 AND e.topic = '*' AND e.channel = s.channel AND e.status IN ('granted', 'cleared')
            ORDER BY e.occurred_at COLLATE "C" DESC, e.seq DESC LIMIT 1) = 'granted'`,
    contactId,
  );
  return rows.map((r) => r.channel as Channel | typeof ALL);
}
