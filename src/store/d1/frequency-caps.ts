import type { FrequencyCap } from "../../consent/frequency-caps";
import { FREQUENCY_CAP_COLUMNS, toFrequencyCap, type FrequencyCapRow } from "../rows";

export async function listFrequencyCaps(db: D1Database): Promise<FrequencyCap[]> {
  const { results } = await db.prepare(`SELECT ${FREQUENCY_CAP_COLUMNS} FROM frequency_caps ORDER BY channel, topic = '*' DESC, topic`).all<FrequencyCapRow>();
  return results.map(toFrequencyCap);
}

/** The old set goes and the new one comes in one batch (one transaction): no check sees half of each. */
export async function replaceFrequencyCaps(db: D1Database, caps: FrequencyCap[], setBy: string, at: string): Promise<void> {
  await db.batch([
    db.prepare("DELETE FROM frequency_caps"),
    db
      .prepare(
        `INSERT INTO frequency_caps (channel, topic, max, period, set_at, set_by)
         SELECT value ->> 'channel', coalesce(value ->> 'topic', '*'), value ->> 'max', value ->> 'period', ?2, ?3 FROM json_each(?1)`,
      )
      .bind(JSON.stringify(caps), at, setBy),
  ]);
}
