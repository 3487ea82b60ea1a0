import type { ConsentCountKind, ConsentCounts } from "../types";
import type { Database } from "./database";

// Twin of src/store/d1/consent-counts.ts (prisma/pg-migrations/0009).
const PER_DAY = `SELECT day, kind, SUM(count)::int AS count FROM (
    SELECT day, topic, channel, kind, count FROM consent_day_counts WHERE day >= $1
    UNION ALL
    SELECT day, topic, channel, kind, 1 FROM consent_count_deltas WHERE day >= $1
  ) AS counts WHERE ($2::text IS NULL OR topic = $2) AND ($3::text IS NULL OR channel = $3)
  GROUP BY day, kind ORDER BY day COLLATE "C", kind COLLATE "C"`;

/**
 * One statement folds the deltas: what it deletes is what it adds, and a delta written
 * meanwhile is left for the next call. Counter rows are taken in key order, so two folds
 * running at once wait for each other rather than deadlock.
 */
const COMPACT = `WITH moved AS (DELETE FROM consent_count_deltas RETURNING day, topic, channel, kind),
  folded AS (
    INSERT INTO consent_day_counts (day, topic, channel, kind, count)
    SELECT day, topic, channel, kind, COUNT(*) FROM moved GROUP BY day, topic, channel, kind
    ORDER BY day COLLATE "C", topic COLLATE "C", channel COLLATE "C", kind COLLATE "C"
    ON CONFLICT (day, topic, channel, kind) DO UPDATE SET count = consent_day_counts.count + excluded.count
  )
  SELECT COUNT(*)::int AS moved FROM moved`;

export function pgConsentCounts(db: Database): ConsentCounts {
  return {
    perDay: ({ since, topic, channel }) =>
      db.all<{ day: string; kind: ConsentCountKind; count: number }>(PER_DAY, since, topic ?? null, channel ?? null),
    async compact() {
      const row = await db.first<{ moved: number }>(COMPACT);
      return row?.moved ?? 0;
    },
  };
}
