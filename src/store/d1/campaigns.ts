import type { BatchDecision, CampaignRecord, CampaignStore } from "../campaign-types";
import {
  CAMPAIGN_COLUMNS,
  CAMPAIGN_INSERT_COLUMNS,
  campaignValues,
  toCampaign,
  toProgress,
  toSending,
  type CampaignRow,
  type SendingRow,
  type StatusCountRow,
} from "../rows";

/** Contact ids per statement: one JSON parameter well under D1's 2 MB a value. */
const IDS_PER_STATEMENT = 10_000;
const ACTIVE = `EXISTS (SELECT 1 FROM campaigns WHERE id = ?1 AND cancelled_at IS NULL AND failed_at IS NULL)`;
const SENDING = `SELECT r.contact_id AS "contactId", r.locale, c.email FROM campaign_recipients r JOIN contacts c ON c.id = r.contact_id
  WHERE r.campaign_id = ?1 AND r.batch = ?2 AND r.status = 'sending' ORDER BY r.position`;

/** Campaigns on D1: each write is one statement or one batch (D1's transaction). */
export function d1Campaigns(db: D1Database): CampaignStore {
  const findByReference = async (apiKeyId: string, reference: string) => {
    const row = await db
      .prepare(`SELECT ${CAMPAIGN_COLUMNS} FROM campaigns WHERE api_key_id = ?1 AND reference = ?2`)
      .bind(apiKeyId, reference)
      .first<CampaignRow>();
    return row ? toCampaign(row) : undefined;
  };

  const get = async (id: string) => {
    const row = await db.prepare(`SELECT ${CAMPAIGN_COLUMNS} FROM campaigns WHERE id = ?1`).bind(id).first<CampaignRow>();
    return row ? toCampaign(row) : undefined;
  };

  return {
    findByReference,
    get,

    async list({ after, limit }) {
      const { results } = await db
        .prepare(
          `SELECT ${CAMPAIGN_COLUMNS} FROM campaigns
           WHERE (?1 IS NULL OR (created_at, id) < (SELECT created_at, id FROM campaigns WHERE id = ?1))
           ORDER BY created_at DESC, id DESC LIMIT ?2`,
        )
        .bind(after ?? null, limit)
        .all<CampaignRow>();
      return results.map(toCampaign);
    },

    async create(campaign: CampaignRecord, contactIds: string[], batchSize: number) {
      const params = campaignValues(campaign).map((_, i) => `?${i + 1}`).join(", ");
      const statements = [
        db.prepare(`INSERT INTO campaigns (${CAMPAIGN_INSERT_COLUMNS}) VALUES (${params}) ON CONFLICT (api_key_id, reference) DO NOTHING`).bind(...campaignValues(campaign)),
      ];
      for (let offset = 0; offset < contactIds.length; offset += IDS_PER_STATEMENT) {
        statements.push(
          db
            .prepare(
              `INSERT INTO campaign_recipients (campaign_id, contact_id, batch, position, status)
               SELECT ?1, j.value, (j.key + CAST(?3 AS INTEGER)) / CAST(?4 AS INTEGER), j.key + CAST(?3 AS INTEGER), 'queued' FROM json_each(?2) j
               WHERE EXISTS (SELECT 1 FROM campaigns WHERE id = ?1)`,
            )
            .bind(campaign.id, JSON.stringify(contactIds.slice(offset, offset + IDS_PER_STATEMENT)), offset, batchSize),
        );
      }
      const [inserted] = await db.batch(statements);
      if (inserted!.meta.changes > 0) return { created: true as const };
      return { existing: (await findByReference(campaign.apiKeyId, campaign.reference))! };
    },

    async openBatch(campaignId, batch) {
      const [queued, sending] = await db.batch([
        db
          .prepare(`SELECT contact_id AS "contactId" FROM campaign_recipients WHERE campaign_id = ?1 AND batch = ?2 AND status = 'queued' ORDER BY position`)
          .bind(campaignId, batch),
        db.prepare(SENDING).bind(campaignId, batch),
      ]);
      return {
        queued: (queued!.results as { contactId: string }[]).map((r) => r.contactId),
        sending: (sending!.results as SendingRow[]).map(toSending),
      };
    },

    async claimBatch(campaignId, batch, decisions: BatchDecision[]) {
      const rows = decisions.map((d) => (d.status === "sending" ? [d.contactId, d.status, null, d.locale] : [d.contactId, d.status, d.reason, null]));
      const [, claimed] = await db.batch([
        db
          .prepare(
            `UPDATE campaign_recipients SET status = d.status, reason = d.reason, locale = d.locale
             FROM (SELECT value ->> 0 AS contact_id, value ->> 1 AS status, value ->> 2 AS reason, value ->> 3 AS locale FROM json_each(?3)) AS d
             WHERE campaign_recipients.campaign_id = ?1 AND campaign_recipients.batch = ?2 AND campaign_recipients.contact_id = d.contact_id
               AND campaign_recipients.status = 'queued' AND ${ACTIVE}`,
          )
          .bind(campaignId, batch, JSON.stringify(rows)),
        db.prepare(SENDING).bind(campaignId, batch),
      ]);
      return (claimed!.results as SendingRow[]).map(toSending);
    },

    async recordSent(campaignId, batch, sent, at) {
      const rows = JSON.stringify(sent.map((s) => [s.contactId, s.messageId]));
      await db.batch([
        // What the frequency caps count, for the rows this call moves to sent (a redelivery moves none).
        db
          .prepare(
            `INSERT INTO sends (contact_id, channel, sent_at, topic, origin)
             SELECT r.contact_id, m.channel, ?3, m.topic, m.id FROM campaign_recipients r JOIN campaigns m ON m.id = r.campaign_id
             WHERE r.campaign_id = ?1 AND r.batch = ?2 AND r.status = 'sending' AND r.contact_id IN (SELECT value ->> 0 FROM json_each(?4))
             ON CONFLICT DO NOTHING`,
          )
          .bind(campaignId, batch, at, rows),
        db
          .prepare(
            `UPDATE campaign_recipients SET status = 'sent', message_id = d.message_id, sent_at = ?3
             FROM (SELECT value ->> 0 AS contact_id, value ->> 1 AS message_id FROM json_each(?4)) AS d
             WHERE campaign_recipients.campaign_id = ?1 AND campaign_recipients.batch = ?2 AND campaign_recipients.contact_id = d.contact_id
               AND campaign_recipients.status = 'sending'`,
          )
          .bind(campaignId, batch, at, rows),
      ]);
    },

    async failBatch(campaignId, batch, reason, detail) {
      await db
        .prepare(
          `UPDATE campaign_recipients SET status = 'failed', reason = ?3, detail = ?4
           WHERE campaign_id = ?1 AND batch = ?2 AND status IN ('queued', 'sending')`,
        )
        .bind(campaignId, batch, reason, detail)
        .run();
    },

    async cancel(campaignId, at) {
      const [cancelled] = await db.batch([
        db.prepare("UPDATE campaigns SET cancelled_at = ?2 WHERE id = ?1 AND cancelled_at IS NULL AND failed_at IS NULL").bind(campaignId, at),
        db
          .prepare("UPDATE campaign_recipients SET status = 'cancelled' WHERE campaign_id = ?1 AND status = 'queued' AND (SELECT cancelled_at FROM campaigns WHERE id = ?1) = ?2")
          .bind(campaignId, at),
      ]);
      if (cancelled!.meta.changes > 0) return "cancelled";
      return (await get(campaignId)) ? "already" : "unknown";
    },

    async markFailed(campaignId, at) {
      await db.batch([
        db.prepare("UPDATE campaigns SET failed_at = ?2 WHERE id = ?1 AND failed_at IS NULL").bind(campaignId, at),
        db.prepare("UPDATE campaign_recipients SET status = 'failed', reason = 'not_queued' WHERE campaign_id = ?1 AND status = 'queued'").bind(campaignId),
      ]);
    },

    async progress(campaignId) {
      const [counts, batches, errors] = await db.batch([
        db
          .prepare(`SELECT status, reason, delivery, count(*) AS n FROM campaign_recipients WHERE campaign_id = ?1 GROUP BY status, reason, delivery`)
          .bind(campaignId),
        db
          .prepare(
            `SELECT count(DISTINCT batch) AS total, count(DISTINCT CASE WHEN status IN ('queued', 'sending') THEN batch END) AS open
             FROM campaign_recipients WHERE campaign_id = ?1`,
          )
          .bind(campaignId),
        db
          .prepare(
            `SELECT batch, reason, detail, count(*) AS recipients FROM campaign_recipients WHERE campaign_id = ?1 AND status = 'failed'
             GROUP BY batch, reason, detail ORDER BY batch LIMIT 10`,
          )
          .bind(campaignId),
      ]);
      return toProgress(
        counts!.results as StatusCountRow[],
        batches!.results[0] as { total: number; open: number },
        errors!.results as { batch: number; reason: string; detail: string | null; recipients: number }[],
      );
    },

    async noteDelivery(messageId, outcome) {
      const { meta } = await db
        .prepare("UPDATE campaign_recipients SET delivery = ?2 WHERE message_id = ?1 AND (delivery IS NULL OR ?2 = 'complained')")
        .bind(messageId, outcome)
        .run();
      return meta.changes > 0;
    },
  };
}
