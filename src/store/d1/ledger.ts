import type { ALL, Channel } from "../../consent/channels";
import type { ConsentSource } from "../../consent/sources";
import { DEFAULT_LOCALE, type Locale } from "../../consent/locales";
import type { Contact, NewConsentEvent, ScopeState } from "../../consent/types";
import { newId } from "../../ids";
import { CONFIRMATION_ADDRESS, EVENT_COLUMNS, eventValues, knownLocaleSql } from "../rows";
import { readContact } from "./contacts";

/**
 * The one way an event for a known contact is appended: only while the contact is not
 * erased, and only if `condition` (SQL over ?1…?13, the event's values, and the `more`
 * values bound after them) holds. A pending grant records the keyed hash of the address
 * its confirmation is mailed to, so that only that address can confirm it.
 */
export function appendEvent(
  db: D1Database,
  contactId: string,
  event: NewConsentEvent,
  options: { id?: string; now?: string; condition?: string; more?: unknown[]; locale?: string } = {},
): D1PreparedStatement {
  const { id = newId("ce"), now = new Date().toISOString(), condition = "TRUE", more = [], locale = "?10" } = options;
  return db
    .prepare(
      `INSERT INTO consent_events (${EVENT_COLUMNS})
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ${locale}, ?11,
         CASE WHEN ?5 = 'pending' THEN json_set(?12, '$.${CONFIRMATION_ADDRESS}', (SELECT email_hash FROM contacts WHERE id = ?2)) ELSE ?12 END, ?13
       WHERE EXISTS (SELECT 1 FROM contacts WHERE id = ?2 AND erased_at IS NULL) AND (${condition})`,
    )
    .bind(...eventValues(id, contactId, event, now), ...more);
}

/** Appends events for one contact in one D1 batch, which D1 runs as one transaction. */
export async function appendEvents(db: D1Database, contactId: string, events: NewConsentEvent[]) {
  const now = new Date().toISOString();
  const eventIds = events.map(() => newId("ce"));
  const results = await db.batch(events.map((event, i) => appendEvent(db, contactId, event, { id: eventIds[i]!, now })));
  // One transaction, one condition: every insert happened, or none did.
  return results.every((r) => r.meta.changes > 0) ? { ok: true as const, eventIds } : { ok: false as const };
}

const NOT_WITHDRAWN = `NOT EXISTS (SELECT 1 FROM consent_states WHERE contact_id = ?2 AND topic = ?3 AND channel = ?4 AND status = 'withdrawn')`;

/**
 * Appends a withdrawal unless that exact scope is already withdrawn (or the contact is
 * erased), in one statement: a repeated or concurrent click records one event.
 */
export async function withdrawOnce(db: D1Database, contactId: string, event: NewConsentEvent) {
  const id = newId("ce");
  const result = await appendEvent(
    db,
    contactId,
    { ...event, status: "withdrawn" },
    { id, condition: NOT_WITHDRAWN },
  ).run();
  return result.meta.changes > 0 ? { recorded: true as const, eventId: id } : { recorded: false as const };
}

/**
 * An RFC 8058 one-click in one batch (one round trip, one transaction): the contact and its
 * states as they stood, then the withdrawal appended as withdrawOnce does. The event's
 * language is `chosenLocale`, else the contact's own (what the page shows: pageLocaleOf).
 */
export async function withdrawOnceAndRead(db: D1Database, contactId: string, event: NewConsentEvent, chosenLocale: Locale | null) {
  const id = newId("ce");
  const [contacts, states, inserted] = await db.batch([
    ...readContact(db, contactId),
    appendEvent(
      db,
      contactId,
      { ...event, status: "withdrawn", locale: chosenLocale },
      { id, condition: NOT_WITHDRAWN, locale: `coalesce(?10, (SELECT ${knownLocaleSql("locale")} FROM contacts WHERE id = ?2), '${DEFAULT_LOCALE}')` },
    ),
  ]);
  const contact = contacts!.results[0] as Contact | undefined;
  if (!contact) return undefined;
  const withdrawal = inserted!.meta.changes > 0 ? { recorded: true as const, eventId: id } : { recorded: false as const };
  return { contact, states: states!.results as ScopeState[], withdrawal };
}

/**
 * Puts the withdrawal's scope back to its status just before it (a grant, or nothing:
 * "cleared"), only while that withdrawal is still the latest event on its scope. The
 * status is read first; the insert's condition keeps it true when written.
 */
export async function undoWithdrawal(db: D1Database, contactId: string, withdrawalId: string, event: Omit<NewConsentEvent, "status">) {
  const before = await db
    .prepare(
      `SELECT p.status FROM consent_events w JOIN consent_events p
         ON p.contact_id = w.contact_id AND p.topic = w.topic AND p.channel = w.channel
       WHERE w.id = ?1 AND w.contact_id = ?2 AND p.status IN ('granted', 'withdrawn', 'cleared')
         AND (p.occurred_at, p.seq) < (w.occurred_at, w.seq)
       ORDER BY p.occurred_at DESC, p.seq DESC LIMIT 1`,
    )
    .bind(withdrawalId, contactId)
    .first<{ status: "granted" | "withdrawn" | "cleared" }>();
  const result = await appendEvent(
    db,
    contactId,
    { ...event, status: before?.status ?? "cleared", evidence: { ...event.evidence, undoes: withdrawalId } },
    {
      condition: `EXISTS (SELECT 1 FROM consent_events w
        WHERE w.id = ?14 AND w.contact_id = ?2 AND w.topic = ?3 AND w.channel = ?4 AND w.status = 'withdrawn'
          AND NOT EXISTS (SELECT 1 FROM consent_events later
            WHERE later.contact_id = ?2 AND later.topic = ?3 AND later.channel = ?4 AND later.seq > w.seq))`,
      more: [withdrawalId],
    },
  ).run();
  if (result.meta.changes > 0) return "undone";
  const done = await db
    .prepare(`SELECT 1 AS found FROM consent_events WHERE contact_id = ?1 AND json_extract(evidence, '$.undoes') = ?2`)
    .bind(contactId, withdrawalId)
    .first();
  return done ? "already" : "stale";
}

export async function confirmPending(db: D1Database, contactId: string, pendingEventId: string, grant: NewConsentEvent) {
  const latestPending = `EXISTS (SELECT 1 FROM consent_events p
    WHERE p.id = ?14 AND p.contact_id = ?2 AND p.topic = ?3 AND p.channel = ?4 AND p.status = 'pending'
      AND NOT EXISTS (SELECT 1 FROM consent_events later
        WHERE later.contact_id = ?2 AND later.topic = ?3 AND later.channel = ?4 AND later.seq > p.seq)`;
  const sameAddress = `json_extract(p.evidence, '$.${CONFIRMATION_ADDRESS}') = (SELECT email_hash FROM contacts WHERE id = ?2)`;
  const result = await appendEvent(
    db,
    contactId,
    { ...grant, status: "granted" },
    { condition: `${latestPending} AND ${sameAddress})`, more: [pendingEventId] },
  ).run();
  if (result.meta.changes > 0) return "confirmed";
  const [done, open] = await db.batch<{ found: number }>([
    db
      .prepare(
        `SELECT 1 AS found FROM consent_events WHERE contact_id = ?1 AND status = 'granted' AND source = 'double_opt_in'
           AND json_extract(evidence, '$.confirms') = ?2`,
      )
      .bind(contactId, pendingEventId),
    db
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

export async function regrantWithdrawnBy(db: D1Database, contactId: string, source: ConsentSource, grant: NewConsentEvent) {
  const result = await appendEvent(
    db,
    contactId,
    { ...grant, status: "granted" },
    {
      condition: `EXISTS (SELECT 1 FROM consent_states s JOIN consent_events e ON e.seq = s.event_seq
        WHERE s.contact_id = ?2 AND s.topic = ?3 AND s.channel = ?4 AND s.status = 'withdrawn' AND e.source = ?14)`,
      more: [source],
    },
  ).run();
  return { recorded: result.meta.changes > 0 };
}

export async function findAwaitingConfirmation(db: D1Database, contactId: string) {
  const { results } = await db
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

/** The (contact_id, seq) index serves it: one short range per contact. */
export async function findRecordedChannels(db: D1Database, contactId: string) {
  const { results } = await db.prepare("SELECT DISTINCT channel FROM consent_events WHERE contact_id = ?1").bind(contactId).all<{ channel: string }>();
  return results.map((r) => r.channel);
}

export async function findStoppedGrants(db: D1Database, contactId: string) {
  const { results } = await db
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
