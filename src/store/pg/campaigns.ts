import type { CampaignStore } from "../campaign-types";
import { CAMPAIGN_COLUMNS, CAMPAIGN_INSERT_COLUMNS, campaignValues, toCampaign, toProgress, toSending, type CampaignRow, type SendingRow, type StatusCountRow } from "../rows";
import type { Database, Sql } from "./database";

// Twin of src/store/d1/campaigns.ts, the same statements. A claim holds the campaign's row
// (FOR SHARE) and a cancel updates it, so a claim never passes a cancel that committed before it.

const SENDING = `SELECT r.contact_id AS "contactId", r.locale, c.email FROM campaign_recipients r JOIN contacts c ON c.id = r.contact_id
  WHERE r.campaign_id = $1 AND r.batch = $2 AND r.status = 'sending' ORDER BY r.position`;

export function pgCampaigns(db: Database): CampaignStore {
  const findByReference = async (apiKeyId: string, reference: string) => {
    const row = await db.first<CampaignRow>(`SELECT ${CAMPAIGN_COLUMNS} FROM campaigns WHERE api_key_id = $1 AND reference = $2`, apiKeyId, reference);
    return row ? toCampaign(row) : undefined;
  };
  const get = async (id: string) => {
    const row = await db.first<CampaignRow>(`SELECT ${CAMPAIGN_COLUMNS} FROM campaigns WHERE id = $1`, id);
    return row ? toCampaign(row) : undefined;
  };
  const sending = (tx: Sql, campaignId: string, batch: number) => tx.all<SendingRow>(SENDING, campaignId, batch);

  return {
    findByReference,
    get,

    async list({ after, limit }) {
      const rows = await db.all<CampaignRow>(
        `SELECT ${CAMPAIGN_COLUMNS} FROM campaigns
         WHERE ($1::text IS NULL OR (created_at COLLATE "C", id COLLATE "C") < (SELECT created_at, id FROM campaigns WHERE id = $1))
         ORDER BY created_at COLLATE "C" DESC, id COLLATE "C" DESC LIMIT $2`,
        after ?? null,
        limit,
      );
      return rows.map(toCampaign);
    },

    async create(campaign, contactIds, batchSize) {
      const params = campaignValues(campaign).map((_, i) => `$${i + 1}`).join(", ");
      const created = await db.transaction(async (tx) => {
        const inserted = await tx.run(
          `INSERT INTO campaigns (${CAMPAIGN_INSERT_COLUMNS}) VALUES (${params}) ON CONFLICT (api_key_id, reference) DO NOTHING`,
          ...campaignValues(campaign),
        );
        if (inserted === 0) return false;
        await tx.run(
          `INSERT INTO campaign_recipients (campaign_id, contact_id, batch, position, status)
           SELECT $1, v.contact_id, (v.n - 1)::int / $3, (v.n - 1)::int, 'queued' FROM unnest($2::text[]) WITH ORDINALITY AS v(contact_id, n)`,
          campaign.id,
          contactIds,
          batchSize,
        );
        return true;
      });
      return created ? { created: true as const } : { existing: (await findByReference(campaign.apiKeyId, campaign.reference))! };
    },

    async openBatch(campaignId, batch) {
      const [queued, claimed] = await Promise.all([
        db.all<{ contactId: string }>(
          `SELECT contact_id AS "contactId" FROM campaign_recipients WHERE campaign_id = $1 AND batch = $2 AND status = 'queued' ORDER BY position`,
          campaignId,
          batch,
        ),
        sending(db, campaignId, batch),
      ]);
      return { queued: queued.map((r) => r.contactId), sending: claimed.map(toSending) };
    },

    async claimBatch(campaignId, batch, decisions) {
      const rows = decisions.map((d) => ({ contact_id: d.contactId, status: d.status, reason: d.status === "blocked" ? d.reason : null, locale: d.status === "sending" ? d.locale : null }));
      const claimed = await db.transaction(async (tx) => {
        const active = await tx.first("SELECT 1 AS found FROM campaigns WHERE id = $1 AND cancelled_at IS NULL AND failed_at IS NULL FOR SHARE", campaignId);
        if (active) {
          await tx.run(
            `UPDATE campaign_recipients r SET status = d.status, reason = d.reason, locale = d.locale
             FROM jsonb_to_recordset($3::jsonb) AS d(contact_id text, status text, reason text, locale text)
             WHERE r.campaign_id = $1 AND r.batch = $2 AND r.contact_id = d.contact_id AND r.status = 'queued'`,
            campaignId,
            batch,
            JSON.stringify(rows),
          );
        }
        return sending(tx, campaignId, batch);
      });
      return claimed.map(toSending);
    },

    async recordSent(campaignId, batch, sent, at) {
      // The rows this statement moves to sent (a redelivery moves none) are what the frequency caps count.
      await db.run(
        `WITH moved AS (
           UPDATE campaign_recipients r SET status = 'sent', message_id = d.message_id, sent_at = $3
           FROM jsonb_to_recordset($4::jsonb) AS d(contact_id text, message_id text)
           WHERE r.campaign_id = $1 AND r.batch = $2 AND r.contact_id = d.contact_id AND r.status = 'sending'
           RETURNING r.contact_id)
         INSERT INTO sends (contact_id, channel, sent_at, topic, origin)
         SELECT moved.contact_id, m.channel, $3, m.topic, m.id FROM moved JOIN campaigns m ON m.id = $1
         ON CONFLICT DO NOTHING`,
        campaignId,
        batch,
        at,
        JSON.stringify(sent.map((s) => ({ contact_id: s.contactId, message_id: s.messageId }))),
      );
    },

    async failBatch(campaignId, batch, reason, detail) {
      await db.run(
        `UPDATE campaign_recipients SET status = 'failed', reason = $3, detail = $4
         WHERE campaign_id = $1 AND batch = $2 AND status IN ('queued', 'sending')`,
        campaignId,
        batch,
        reason,
        detail,
      );
    },

    async cancel(campaignId, at) {
      const cancelled = await db.transaction(async (tx) => {
        const changed = await tx.run("UPDATE campaigns SET cancelled_at = $2 WHERE id = $1 AND cancelled_at IS NULL AND failed_at IS NULL", campaignId, at);
        if (changed === 0) return false;
        await tx.run("UPDATE campaign_recipients SET status = 'cancelled' WHERE campaign_id = $1 AND status = 'queued'", campaignId);
        return true;
      });
      if (cancelled) return "cancelled";
      return (await get(campaignId)) ? "already" : "unknown";
    },

    async markFailed(campaignId, at) {
      await db.transaction(async (tx) => {
        await tx.run("UPDATE campaigns SET failed_at = $2 WHERE id = $1 AND failed_at IS NULL", campaignId, at);
        await tx.run("UPDATE campaign_recipients SET status = 'failed', reason = 'not_queued' WHERE campaign_id = $1 AND status = 'queued'", campaignId);
      });
    },

    async progress(campaignId) {
      const [counts, batches, errors] = await Promise.all([
        db.all<StatusCountRow>(
          `SELECT status, reason, delivery, count(*)::int AS n FROM campaign_recipients WHERE campaign_id = $1 GROUP BY status, reason, delivery`,
          campaignId,
        ),
        db.first<{ total: number; open: number }>(
          `SELECT count(DISTINCT batch)::int AS total, count(DISTINCT CASE WHEN status IN ('queued', 'sending') THEN batch END)::int AS open
           FROM campaign_recipients WHERE campaign_id = $1`,
          campaignId,
        ),
        db.all<{ batch: number; reason: string; detail: string | null; recipients: number }>(
          `SELECT batch, reason, detail, count(*)::int AS recipients FROM campaign_recipients WHERE campaign_id = $1 AND status = 'failed'
           GROUP BY batch, reason, detail ORDER BY batch LIMIT 10`,
          campaignId,
        ),
      ]);
      return toProgress(counts, batches ?? { total: 0, open: 0 }, errors);
    },

    async noteDelivery(messageId, outcome) {
      const changed = await db.run(
        "UPDATE campaign_recipients SET delivery = $2 WHERE message_id = $1 AND (delivery IS NULL OR $2 = 'complained')",
        messageId,
        outcome,
      );
      return changed > 0;
    },
  };
}
