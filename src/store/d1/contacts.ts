import { matchIdentity, type Identity, type IdentityField } from "../../consent/identity";
import type { Contact, ContactInput, NewConsentEvent, ScopeState } from "../../consent/types";
import type { AddressHasher } from "../../crypto/address-hash";
import { newId } from "../../ids";
import { CONTACT_COLUMNS, IDENTITY_COLUMNS } from "../rows";
import type { SaveContactResult } from "../types";
import { appendEvent } from "./ledger";

/** A new contact racing another request for the same address: try again, then give up. */
const SAVE_ATTEMPTS = 3;

/**
 * Creates or updates a contact and appends its consent events in one D1 batch, which
 * D1 runs as one transaction: the contact, the events and (through the ledger trigger)
 * the current state are all written, or none is.
 */
export async function saveContact(db: D1Database, hasher: AddressHasher, input: ContactInput, events: NewConsentEvent[]): Promise<SaveContactResult> {
  for (let attempt = 1; ; attempt++) {
    const target = await resolveIdentity(db, input);
    if ("conflict" in target) return { ok: false, conflict: target.conflict };
    const id = target.id ?? newId("ct");
    const now = new Date().toISOString();
    const eventIds = events.map(() => newId("ce"));
    const hashes = await addressHashes(hasher, input);
    const statements = [
      target.id ? updateContact(db, id, input, hashes, now) : insertContact(db, id, input, hashes, now),
      ...events.map((event, i) => appendEvent(db, id, event, { id: eventIds[i]!, now })),
    ];
    try {
      const [contact] = await db.batch(statements);
      // An update that matched nothing found the contact erased meanwhile and wrote nothing: look again.
      if (contact!.meta.changes > 0) return { ok: true, id, created: !target.id, eventIds };
      if (attempt >= SAVE_ATTEMPTS) throw new Error(`contact ${id} was erased while being saved, ${attempt} times`);
    } catch (error) {
      if (attempt >= SAVE_ATTEMPTS || !String(error).includes("UNIQUE constraint failed")) throw error;
    }
  }
}

/** Which existing contact the input names: by externalId, else email, else phone. */
async function resolveIdentity(db: D1Database, input: ContactInput): Promise<{ id?: string } | { conflict: (keyof ContactInput)[] }> {
  const { results } = await db
    .prepare(
      `SELECT id, external_id AS "externalId", email, phone FROM contacts
       WHERE external_id = ?1 OR email = ?2 OR phone = ?3`,
    )
    .bind(input.externalId ?? null, input.email ?? null, input.phone ?? null)
    .all<Identity>();
  const found = matchIdentity(input, (field, value) => results.find((row) => row[field] === value));
  return "conflict" in found ? found : { id: found.target?.id };
}

type AddressHashes = { email: string | null; phone: string | null };

function insertContact(db: D1Database, id: string, input: ContactInput, hashes: AddressHashes, now: string) {
  return db
    .prepare(
      `INSERT INTO contacts (id, external_id, email, phone, email_hash, phone_hash, locale, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)`,
    )
    .bind(id, input.externalId ?? null, input.email ?? null, input.phone ?? null, hashes.email, hashes.phone, input.locale ?? "kk", now);
}

function updateContact(db: D1Database, id: string, input: ContactInput, hashes: AddressHashes, now: string) {
  return db
    .prepare(
      `UPDATE contacts SET external_id = coalesce(?2, external_id), email = coalesce(?3, email),
         phone = coalesce(?4, phone), email_hash = coalesce(?5, email_hash), phone_hash = coalesce(?6, phone_hash),
         locale = coalesce(?7, locale), updated_at = ?8
       WHERE id = ?1 AND erased_at IS NULL`,
    )
    .bind(id, input.externalId ?? null, input.email ?? null, input.phone ?? null, hashes.email, hashes.phone, input.locale ?? null, now);
}

async function addressHashes(hasher: AddressHasher, input: ContactInput): Promise<AddressHashes> {
  return {
    email: input.email === undefined ? null : await hasher.hash("email", input.email),
    phone: input.phone === undefined ? null : await hasher.hash("phone", input.phone),
  };
}

/** The contact with this identifier (normalised), unless erased. */
export async function findContact(db: D1Database, field: IdentityField, value: string): Promise<Contact | undefined> {
  const row = await db
    .prepare(`SELECT ${CONTACT_COLUMNS} FROM contacts WHERE ${IDENTITY_COLUMNS[field]} = ?1 AND erased_at IS NULL`)
    .bind(value)
    .first<Contact>();
  return row ?? undefined;
}

/** Raw D1, one round trip: unsubscribe clicks and the email handler read a contact on every request. */
export async function getContact(db: D1Database, id: string) {
  const [contacts, states] = await db.batch(readContact(db, id));
  const contact = contacts!.results[0] as Contact | undefined;
  return contact && { contact, states: states!.results as ScopeState[] };
}

/** The statements getContact batches: the contact's row, and its states that are not cleared. */
export function readContact(db: D1Database, id: string): D1PreparedStatement[] {
  return [
    db.prepare(`SELECT ${CONTACT_COLUMNS} FROM contacts WHERE id = ?1`).bind(id),
    db
      .prepare(`SELECT topic, channel, status, occurred_at AS "occurredAt" FROM consent_states WHERE contact_id = ?1 AND status <> 'cleared'`)
      .bind(id),
  ];
}

/** The language the person chose on a page, kept for the mails that follow; nothing for an erased contact. */
export async function setLocale(db: D1Database, id: string, locale: string): Promise<void> {
  await db
    .prepare("UPDATE contacts SET locale = ?2, updated_at = ?3 WHERE id = ?1 AND erased_at IS NULL AND locale <> ?2")
    .bind(id, locale, new Date().toISOString())
    .run();
}
