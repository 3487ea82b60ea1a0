import { matchIdentity, type Identity, type IdentityField } from "../../consent/identity";
import type { Contact, ContactInput, NewConsentEvent, ScopeState } from "../../consent/types";
import type { AddressHasher } from "../../crypto/address-hash";
import { newId } from "../../ids";
import type { SaveContactResult } from "../types";
import { isUniqueViolation, type Database, type Sql } from "./database";
import { appendEvent } from "./ledger";

// Twins of src/store/d1/contacts.ts: Prisma's model API, the events through the ledger's one way in.

/** The fields of a Contact (src/consent/types.ts), as Prisma selects them. */
const CONTACT = { id: true, externalId: true, email: true, phone: true, locale: true, createdAt: true, updatedAt: true, erasedAt: true } as const;

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
  const named = (["externalId", "email", "phone"] as const).flatMap((field) => (input[field] === undefined ? [] : [{ [field]: input[field] }]));
  const rows: Identity[] = await db.model.contact.findMany({ where: { OR: named }, select: { id: true, externalId: true, email: true, phone: true } });
  const found = matchIdentity(input, (field, value) => rows.find((row) => row[field] === value));
  return "conflict" in found ? found : { id: found.target?.id };
}

type AddressHashes = { email: string | null; phone: string | null };

async function insertContact(tx: Sql, id: string, input: ContactInput, hashes: AddressHashes, now: string) {
  const { externalId = null, email = null, phone = null, locale = "kk" } = input;
  await tx.model.contact.create({ data: { id, externalId, email, phone, emailHash: hashes.email, phoneHash: hashes.phone, locale, createdAt: now, updatedAt: now } });
  return 1;
}

/** Fields not given stay as they are (undefined is "leave it" to Prisma); nothing for an erased contact. */
async function updateContact(tx: Sql, id: string, input: ContactInput, hashes: AddressHashes, now: string) {
  const { externalId, email, phone, locale } = input;
  const { count } = await tx.model.contact.updateMany({
    where: { id, erasedAt: null },
    data: { externalId, email, phone, emailHash: hashes.email ?? undefined, phoneHash: hashes.phone ?? undefined, locale, updatedAt: now },
  });
  return count;
}

async function addressHashes(hasher: AddressHasher, input: ContactInput): Promise<AddressHashes> {
  return {
    email: input.email === undefined ? null : await hasher.hash("email", input.email),
    phone: input.phone === undefined ? null : await hasher.hash("phone", input.phone),
  };
}

/** The contact with this identifier (normalised), unless erased. */
export async function findContact(db: Database, field: IdentityField, value: string): Promise<Contact | undefined> {
  return (await db.model.contact.findFirst({ where: { [field]: value, erasedAt: null }, select: CONTACT })) ?? undefined;
}

/** The contact and its current states. */
export async function getContact(db: Database, id: string) {
  const row = await db.model.contact.findUnique({
    where: { id },
    select: { ...CONTACT, states: { where: { status: { not: "cleared" } }, select: { topic: true, channel: true, status: true, occurredAt: true } } },
  });
  if (!row) return undefined;
  const { states, ...contact } = row;
  return { contact, states: states as ScopeState[] };
}

/** The language the person chose on a page, kept for the mails that follow; nothing for an erased contact. */
export async function setLocale(db: Database, id: string, locale: string): Promise<void> {
  await db.model.contact.updateMany({ where: { id, erasedAt: null, locale: { not: locale } }, data: { locale, updatedAt: new Date().toISOString() } });
}
