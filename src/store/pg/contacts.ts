import { matchIdentity, type Identity, type IdentityField } from "../../consent/identity";
import type { Contact, ContactInput, NewConsentEvent, ScopeState } from "../../consent/types";
import type { AddressHasher } from "../../crypto/address-hash";
import { newId } from "../../ids";
import { CONTACT_COLUMNS, IDENTITY_COLUMNS } from "../rows";
import type { SaveContactResult } from "../types";
import { isUniqueViolation, type Database, type Sql } from "./database";
import { appendEvent } from "./ledger";

// Twins of src/store/d1/contacts.ts, the same statements; the events through the ledger's one way in.

/** A new contact racing another request for the same address: try again, then give up. */
const SAVE_ATTEMPTS = 3;

/** Creates or updates a contact and appends its consent events in one transaction. */
export async function saveContact(db: Database, hasher: AddressHasher, input: ContactInput, events: NewConsentEvent[]): Promise<SaveContactResult> {
  for (let attempt = 1; ; attempt++) {
    const target = await resolveIdentity(db, input);
    if ("conflict" in target) return { ok: false, conflict: target.conflict };
    const id = target.id ?? newId("ct");
    const now = new Date().toISOString();
    const eventIds = events.map(() => newId("ce"));
    const hashes = await addressHashes(hasher, input);
    try {
      const saved = await db.transaction(async (tx) => {
        const written = target.id ? await updateContact(tx, id, input, hashes, now) : await insertContact(tx, id, input, hashes, now);
        // An update that matched nothing found the contact erased meanwhile and wrote nothing: look again.
        if (written === 0) return false;
        for (const [i, event] of events.entries()) await appendEvent(tx, id, event, { id: eventIds[i]!, now });
        return true;
      });
      if (saved) return { ok: true, id, created: !target.id, eventIds };
      if (attempt >= SAVE_ATTEMPTS) throw new Error(`contact ${id} was erased while being saved, ${attempt} times`);
    } catch (error) {
      if (attempt >= SAVE_ATTEMPTS || !isUniqueViolation(error)) throw error;
    }
  }
}

/** Which existing contact the input names: by externalId, else email, else phone. */
async function resolveIdentity(db: Database, input: ContactInput): Promise<{ id?: string } | { conflict: (keyof ContactInput)[] }> {
  const rows = await db.all<Identity>(
    `SELECT id, external_id AS "externalId", email, phone FROM contacts WHERE external_id = $1 OR email = $2 OR phone = $3`,
    input.externalId ?? null,
    input.email ?? null,
    input.phone ?? null,
  );
  const found = matchIdentity(input, (field, value) => rows.find((row) => row[field] === value));
  return "conflict" in found ? found : { id: found.target?.id };
}

type AddressHashes = { email: string | null; phone: string | null };

function insertContact(tx: Sql, id: string, input: ContactInput, hashes: AddressHashes, now: string) {
  return tx.run(
    `INSERT INTO contacts (id, external_id, email, phone, email_hash, phone_hash, locale, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
    id,
    input.externalId ?? null,
    input.email ?? null,
    input.phone ?? null,
    hashes.email,
    hashes.phone,
    input.locale ?? "kk",
    now,
  );
}

/** Fields not given stay as they are; nothing for an erased contact. */
function updateContact(tx: Sql, id: string, input: ContactInput, hashes: AddressHashes, now: string) {
  return tx.run(
    `UPDATE contacts SET external_id = coalesce($2, external_id), email = coalesce($3, email),
       phone = coalesce($4, phone), email_hash = coalesce($5, email_hash), phone_hash = coalesce($6, phone_hash),
       locale = coalesce($7, locale), updated_at = $8
     WHERE id = $1 AND erased_at IS NULL`,
    id,
    input.externalId ?? null,
    input.email ?? null,
    input.phone ?? null,
    hashes.email,
    hashes.phone,
    input.locale ?? null,
    now,
  );
}

async function addressHashes(hasher: AddressHasher, input: ContactInput): Promise<AddressHashes> {
  return {
    email: input.email === undefined ? null : await hasher.hash("email", input.email),
    phone: input.phone === undefined ? null : await hasher.hash("phone", input.phone),
  };
}

/** The contact with this identifier (normalised), unless erased. */
export function findContact(db: Database, field: IdentityField, value: string): Promise<Contact | undefined> {
  return db.first<Contact>(`SELECT ${CONTACT_COLUMNS} FROM contacts WHERE ${IDENTITY_COLUMNS[field]} = $1 AND erased_at IS NULL`, value);
}

/** The contact's states that are not cleared, as one JSON array (null for none), for a statement reading contacts c. */
const STATES = `(SELECT json_agg(json_build_object('topic', s.topic, 'channel', s.channel, 'status', s.status, 'occurredAt', s.occurred_at))
  FROM consent_states s WHERE s.contact_id = c.id AND s.status <> 'cleared')`;

/** The contact and its current states, in one statement: unsubscribe clicks and the preference pages read it on every request. */
export async function getContact(db: Database, id: string) {
  const row = await db.first<Contact & { states: ScopeState[] | null }>(`SELECT ${CONTACT_COLUMNS}, ${STATES} AS states FROM contacts c WHERE c.id = $1`, id);
  if (!row) return undefined;
  const { states, ...contact } = row;
  return { contact, states: states ?? [] };
}

/** The language the person chose on a page, kept for the mails that follow; nothing for an erased contact. */
export async function setLocale(db: Database, id: string, locale: string): Promise<void> {
  await db.run("UPDATE contacts SET locale = $2, updated_at = $3 WHERE id = $1 AND erased_at IS NULL AND locale <> $2", id, locale, new Date().toISOString());
}
