-- What was sent, counted per Astana day, as D1's 0020: each row written to sends appends a
-- "sent" delta, folded by the cron with the ledger's (src/store/pg/audience.ts). One
-- statement-level trigger per insert: a 10,000-recipient committed send check appends its
-- deltas in one INSERT ... SELECT from the rows it wrote, not 10,000 function calls. Rows an
-- ON CONFLICT DO NOTHING skipped are not in the transition table, so they are not counted.

CREATE FUNCTION "sends_count"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "consent_count_deltas" ("day", "topic", "channel", "kind")
    SELECT "astana_day"("sent_at"), "topic", "channel", 'sent' FROM written;
    RETURN NULL;
END;
$$;

CREATE TRIGGER "sends_count" AFTER INSERT ON "sends"
REFERENCING NEW TABLE AS written
FOR EACH STATEMENT EXECUTE FUNCTION "sends_count"();

-- The sends so far, counted once.
INSERT INTO "consent_day_counts" ("day", "topic", "channel", "kind", "count")
SELECT "astana_day"("sent_at"), "topic", "channel", 'sent', COUNT(*)
FROM "sends"
GROUP BY 1, 2, 3;
