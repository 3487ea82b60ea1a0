import type { AddressHasher } from "../../crypto/address-hash";
import { newId } from "../../ids";
import { IDENTITY_COLUMNS } from "../rows";
import type { WebhookDelivery } from "../types";
import type { Database } from "./database";
import { appendEvent } from "./ledger";

// Twin of src/store/d1/webhooks.ts.

/**
 * One transaction that records the delivery first: its key's unique index makes a replay,
 * even a concurrent one (which waits for the first to commit), insert nothing, and then
 * nothing else is written. Each event goes to whichever contact, not erased, has the
 * address now, through the ledger's one way in.
 */
export async function recordWebhookDelivery(db: Database, hasher: AddressHasher, delivery: WebhookDelivery): Promise<{ duplicate: boolean; events: number }> {
  const now = new Date().toISOString();
  const { source, messageId, type, outcome } = delivery;
  const suppressions = await Promise.all(
    delivery.suppressions.map(async (s) => ({
      addressHash: await hasher.hash(s.kind, s.address),
      channel: s.channel,
      reason: s.reason,
      createdAt: now,
      evidence: JSON.stringify(s.evidence),
    })),
  );
  return db.transaction(async (tx) => {
    const recorded = await tx.run(
      "INSERT INTO webhook_deliveries (source, message_id, type, outcome, received_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
      source,
      messageId,
      type,
      outcome,
      now,
    );
    if (recorded === 0) return { duplicate: true, events: 0 };
    // An address already suppressed on that channel keeps its first suppression.
    for (const s of suppressions) {
      await tx.run(
        "INSERT INTO suppressions (address_hash, channel, reason, created_at, evidence) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
        s.addressHash,
        s.channel,
        s.reason,
        s.createdAt,
        s.evidence,
      );
    }
    let events = 0;
    for (const { kind, address, event } of delivery.events) {
      const contact = await tx.first<{ id: string }>(`SELECT id FROM contacts WHERE ${IDENTITY_COLUMNS[kind]} = $1 AND erased_at IS NULL LIMIT 1`, address);
      if (contact && (await appendEvent(tx, contact.id, event, { id: newId("ce"), now }))) events++;
    }
    return { duplicate: false, events };
  });
}
