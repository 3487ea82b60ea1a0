import type { ConsentCountKind, ConsentCounts } from "../types";

// The day counts plus the deltas not yet folded in: a 90-day read is a few thousand rows.
const PER_DAY = `SELECT day, kind, SUM(count) AS count FROM (
    SELECT day, topic, channel, kind, count FROM consent_day_counts WHERE day >= ?1
    UNION ALL
    SELECT day, topic, channel, kind, 1 FROM consent_count_deltas WHERE day >= ?1
  ) WHERE (?2 IS NULL OR topic = ?2) AND (?3 IS NULL OR channel = ?3)
  GROUP BY day, kind ORDER BY day, kind`;

/** The day counts on D1 (prisma/migrations/0018): one batch folds the deltas, atomically. */
export function d1ConsentCounts(db: D1Database): ConsentCounts {
  return {
    async perDay({ since, topic, channel }) {
      const { results } = await db
        .prepare(PER_DAY)
        .bind(since, topic ?? null, channel ?? null)
        .all<{ day: string; kind: ConsentCountKind; count: number }>();
      return results;
    },

    async compact() {
      const [, deleted] = await db.batch([
        // "WHERE true": SQLite's upsert after a SELECT needs a WHERE to parse.
        db.prepare(
          `INSERT INTO consent_day_counts (day, topic, channel, kind, count)
           SELECT day, topic, channel, kind, COUNT(*) FROM consent_count_deltas WHERE true GROUP BY day, topic, channel, kind
           ON CONFLICT (day, topic, channel, kind) DO UPDATE SET count = count + excluded.count`,
        ),
        db.prepare("DELETE FROM consent_count_deltas"),
      ]);
      return deleted!.meta.changes;
    },
  };
}
