import type { FrequencyCap } from "../../consent/frequency-caps";
import { FREQUENCY_CAP_COLUMNS, toFrequencyCap, type FrequencyCapRow } from "../rows";
import type { Database } from "./database";

// Twin of src/store/d1/frequency-caps.ts.

export async function listFrequencyCaps(db: Database): Promise<FrequencyCap[]> {
  const rows = await db.all<FrequencyCapRow>(
    `SELECT ${FREQUENCY_CAP_COLUMNS} FROM frequency_caps ORDER BY channel COLLATE "C", topic = '*' DESC, topic COLLATE "C"`,
  );
  return rows.map(toFrequencyCap);
}

/**
 * The old set goes and the new one comes in one transaction. The table lock makes two
 * replacements take turns (the second would otherwise insert beside the first's rows).
 */
export async function replaceFrequencyCaps(db: Database, caps: FrequencyCap[], setBy: string, at: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.run("LOCK TABLE frequency_caps IN SHARE ROW EXCLUSIVE MODE");
    await tx.run("DELETE FROM frequency_caps");
    await tx.run(
      `INSERT INTO frequency_caps (channel, topic, max, period, set_at, set_by)
       SELECT c.channel, coalesce(c.topic, '*'), c.max, c.period, $2, $3 FROM jsonb_to_recordset($1::jsonb) AS c(channel text, topic text, max int, period text)`,
      JSON.stringify(caps),
      at,
      setBy,
    );
  });
}
