-- What was sent, counted per Astana day for the console's complaint rate (docs/console.md):
-- each row written to sends (campaign batches, send checks with commit: true) appends a
-- "sent" delta to consent_count_deltas, folded into consent_day_counts by the cron as the
-- ledger's deltas are, so the counts outlive the sends log (erasure deletes a person's
-- sends; they may be pruned later). An INSERT ... ON CONFLICT DO NOTHING that skips a row
-- fires nothing: only what was written is counted.

CREATE TRIGGER "sends_count" AFTER INSERT ON "sends"
BEGIN
    INSERT INTO "consent_count_deltas" ("day", "topic", "channel", "kind")
    VALUES (date(NEW."sent_at", '+5 hours'), NEW."topic", NEW."channel", 'sent');
END;

-- The sends so far, counted once.
INSERT INTO "consent_day_counts" ("day", "topic", "channel", "kind", "count")
SELECT date("sent_at", '+5 hours'), "topic", "channel", 'sent', COUNT(*)
FROM "sends"
GROUP BY 1, 2, 3;
