import type { Cadence } from "../types";

/** The contact's pauses that end after `now`, and its digest-only scopes (primary-key ranges). */
export async function findCadence(db: D1Database, contactId: string, now: string): Promise<Cadence> {
  const [pauses, digests] = await db.batch<{ topic: string; channel: string; until?: string }>([
    db.prepare("SELECT topic, channel, until FROM consent_cadence WHERE contact_id = ?1 AND kind = 'paused' AND until > ?2 ORDER BY until").bind(contactId, now),
    db.prepare("SELECT topic, channel FROM consent_cadence WHERE contact_id = ?1 AND kind = 'digest' ORDER BY topic, channel").bind(contactId),
  ]);
  return {
    pauses: pauses!.results.map(({ topic, channel, until }) => ({ topic, channel, until: until! })),
    digests: digests!.results.map(({ topic, channel }) => ({ topic, channel })),
  };
}
