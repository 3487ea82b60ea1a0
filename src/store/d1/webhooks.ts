import type { AddressHasher } from "../../crypto/address-hash";
import { newId } from "../../ids";
import type { WebhookDelivery } from "../types";
import { EVENT_COLUMNS, eventValues } from "../rows";

/**
 * One D1 batch (one transaction): every effect runs only while the delivery is unrecorded,
 * and the delivery's row comes last. A replay, even a concurrent one, finds the row and
 * writes nothing; the row's insert then changes nothing, which is how a duplicate shows.
 */
export async function recordWebhookDelivery(db: D1Database, hasher: AddressHasher, delivery: WebhookDelivery): Promise<{ duplicate: boolean; events: number }> {
  const now = new Date().toISOString();
  // The delivery's key is bound after each statement's own values, as ?n and ?n+1.
  const unrecorded = (n: number) => `NOT EXISTS (SELECT 1 FROM webhook_deliveries WHERE source = ?${n} AND message_id = ?${n + 1})`;
  const key = [delivery.source, delivery.messageId];
  const suppressions = await Promise.all(
    delivery.suppressions.map(async (s) =>
      db
        .prepare(
          `INSERT INTO suppressions (address_hash, channel, reason, created_at, evidence)
           SELECT ?1, ?2, ?3, ?4, ?5 WHERE ${unrecorded(6)}
           ON CONFLICT (address_hash, channel) DO NOTHING`,
        )
        .bind(await hasher.hash(s.kind, s.address), s.channel, s.reason, now, JSON.stringify(s.evidence), ...key),
    ),
  );
  // Not appendEvent: no contact is known beforehand; each statement finds its contact by address (?2).
  const events = delivery.events.map(({ kind, address, event }) =>
    db
      .prepare(
        `INSERT INTO consent_events (${EVENT_COLUMNS})
         SELECT ?1, c.id, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13 FROM contacts c
         WHERE c.${kind === "email" ? "email" : "phone"} = ?2 AND c.erased_at IS NULL AND ${unrecorded(14)}`,
      )
      .bind(...eventValues(newId("ce"), address, event, now), ...key),
  );
  const record = db
    .prepare(
      `INSERT INTO webhook_deliveries (source, message_id, type, outcome, received_at) VALUES (?1, ?2, ?3, ?4, ?5)
       ON CONFLICT (source, message_id) DO NOTHING`,
    )
    .bind(...key, delivery.type, delivery.outcome, now);
  const results = await db.batch([...suppressions, ...events, record]);
  const written = results.slice(suppressions.length, -1).reduce((sum, r) => sum + r.meta.changes, 0);
  return { duplicate: results.at(-1)!.meta.changes === 0, events: written };
}
