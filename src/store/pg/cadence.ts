import type { Cadence } from "../types";
import type { Database } from "./database";

// Twin of src/store/d1/cadence.ts.

export async function findCadence(db: Database, contactId: string, now: string): Promise<Cadence> {
  const [pauses, digests] = await Promise.all([
    db.all<{ topic: string; channel: string; until: string }>(
      `SELECT topic, channel, until FROM consent_cadence WHERE contact_id = $1 AND kind = 'paused' AND until COLLATE "C" > $2 COLLATE "C" ORDER BY until COLLATE "C"`,
      contactId,
      now,
    ),
    db.all<{ topic: string; channel: string }>("SELECT topic, channel FROM consent_cadence WHERE contact_id = $1 AND kind = 'digest' ORDER BY topic, channel", contactId),
  ]);
  return { pauses, digests };
}
