import type { AudienceRow, AudienceStore, ConsentCountKind, ReachSnapshot } from "../types";

// The day counts plus the deltas not yet folded in: a 90-day read is a few thousand rows.
const PER_DAY = `SELECT day, kind, SUM(count) AS count FROM (
    SELECT day, topic, channel, kind, count FROM consent_day_counts WHERE day >= ?1
    UNION ALL
    SELECT day, topic, channel, kind, 1 FROM consent_count_deltas WHERE day >= ?1
  ) WHERE (?2 IS NULL OR topic = ?2) AND (?3 IS NULL OR channel = ?3)
  GROUP BY day, kind ORDER BY day, kind`;

/** What the send check's query reads of a contact (src/store/d1/recipients.ts), for every scope at once. */
const AUDIENCE_ROW = `SELECT c.id, c.locale, c.email IS NOT NULL AS "hasEmail", c.phone IS NOT NULL AS "hasPhone",
    (SELECT group_concat(x.channel || ' ' || (x.reason = 'erased'), char(10)) FROM suppressions x WHERE x.address_hash = c.email_hash) AS "emailSuppressions",
    (SELECT group_concat(x.channel || ' ' || (x.reason = 'erased'), char(10)) FROM suppressions x WHERE x.address_hash = c.phone_hash) AS "phoneSuppressions",
    (SELECT group_concat(s.topic || ' ' || s.channel || ' ' || s.status || ' ' || s.occurred_at, char(10)) FROM consent_states s WHERE s.contact_id = c.id) AS states,
    (SELECT group_concat(p.topic || ' ' || p.channel, char(10)) FROM consent_events p WHERE p.contact_id = c.id AND p.status = 'pending'
      AND NOT EXISTS (SELECT 1 FROM consent_events l WHERE l.contact_id = c.id AND l.topic = p.topic AND l.channel = p.channel AND l.seq > p.seq)) AS awaiting,
    (SELECT group_concat(z.kind || ' ' || z.topic || ' ' || z.channel || ' ' || coalesce(z.until, ''), char(10)) FROM consent_cadence z WHERE z.contact_id = c.id) AS cadence
  FROM contacts c WHERE c.erased_at IS NULL`;

/** The audience on D1 (prisma/migrations/0018): one batch folds the deltas, atomically. */
export function d1Audience(db: D1Database): AudienceStore {
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

    async contactsPage({ after, limit }) {
      const { results } = await db.prepare(`${AUDIENCE_ROW} AND (?1 IS NULL OR c.id > ?1) ORDER BY c.id LIMIT ?2`).bind(after, limit).all<AudienceRow>();
      return results;
    },

    async contactRow(contactId) {
      return (await db.prepare(`${AUDIENCE_ROW} AND c.id = ?1`).bind(contactId).first<AudienceRow>()) ?? undefined;
    },

    async saveReach(snapshot: ReachSnapshot) {
      await db
        .prepare(
          `INSERT INTO audience_reach (id, computed_at, contacts, cells) VALUES ('latest', ?1, ?2, ?3)
           ON CONFLICT (id) DO UPDATE SET computed_at = excluded.computed_at, contacts = excluded.contacts, cells = excluded.cells`,
        )
        .bind(snapshot.computedAt, snapshot.contacts, JSON.stringify(snapshot.cells))
        .run();
    },

    async latestReach() {
      const row = await db
        .prepare(`SELECT computed_at AS "computedAt", contacts, cells FROM audience_reach WHERE id = 'latest'`)
        .first<{ computedAt: string; contacts: number; cells: string }>();
      return row ? { ...row, cells: JSON.parse(row.cells) } : undefined;
    },
  };
}
