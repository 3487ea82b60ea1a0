import type { AudienceRow, AudienceStore, ConsentCountKind, ReachSnapshot } from "../types";
import type { Database } from "./database";

// Twin of src/store/d1/audience.ts (prisma/pg-migrations/0009).
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

const AUDIENCE_ROW = `SELECT c.id, c.locale, (c.email IS NOT NULL)::int AS "hasEmail", (c.phone IS NOT NULL)::int AS "hasPhone",
    (SELECT string_agg(x.channel || ' ' || (x.reason = 'erased')::int, E'\\n') FROM suppressions x WHERE x.address_hash = c.email_hash) AS "emailSuppressions",
    (SELECT string_agg(x.channel || ' ' || (x.reason = 'erased')::int, E'\\n') FROM suppressions x WHERE x.address_hash = c.phone_hash) AS "phoneSuppressions",
    (SELECT string_agg(s.topic || ' ' || s.channel || ' ' || s.status || ' ' || s.occurred_at, E'\\n') FROM consent_states s WHERE s.contact_id = c.id) AS states,
    (SELECT string_agg(p.topic || ' ' || p.channel, E'\\n') FROM consent_events p WHERE p.contact_id = c.id AND p.status = 'pending'
      AND NOT EXISTS (SELECT 1 FROM consent_events l WHERE l.contact_id = c.id AND l.topic = p.topic AND l.channel = p.channel AND l.seq > p.seq)) AS awaiting,
    (SELECT string_agg(z.kind || ' ' || z.topic || ' ' || z.channel || ' ' || coalesce(z.until, ''), E'\\n') FROM consent_cadence z WHERE z.contact_id = c.id) AS cadence
  FROM contacts c WHERE c.erased_at IS NULL`;

export function pgAudience(db: Database): AudienceStore {
  return {
    perDay: ({ since, topic, channel }) =>
      db.all<{ day: string; kind: ConsentCountKind; count: number }>(PER_DAY, since, topic ?? null, channel ?? null),

    async compact() {
      const row = await db.first<{ moved: number }>(COMPACT);
      return row?.moved ?? 0;
    },

    // Any order serves a full pass: the database's own, so the primary key's index walks it (no COLLATE "C").
    contactsPage: ({ after, limit }) => db.all<AudienceRow>(`${AUDIENCE_ROW} AND ($1::text IS NULL OR c.id > $1) ORDER BY c.id LIMIT $2`, after, limit),

    contactRow: (contactId) => db.first<AudienceRow>(`${AUDIENCE_ROW} AND c.id = $1`, contactId),

    async saveReach(snapshot: ReachSnapshot) {
      await db.run(
        `INSERT INTO audience_reach (id, computed_at, contacts, cells) VALUES ('latest', $1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET computed_at = excluded.computed_at, contacts = excluded.contacts, cells = excluded.cells`,
        snapshot.computedAt,
        snapshot.contacts,
        JSON.stringify(snapshot.cells),
      );
    },

    async latestReach() {
      const row = await db.first<{ computedAt: string; contacts: number; cells: string }>(
        `SELECT computed_at AS "computedAt", contacts, cells FROM audience_reach WHERE id = 'latest'`,
      );
      return row ? { ...row, cells: JSON.parse(row.cells) } : undefined;
    },
  };
}
