-- The console's audience page (docs/console.md). audience_reach: who may be reached on each
-- topic and channel and why not the others, one row written by the hourly cron.
--
-- Ledger events counted per day for the console's trends: grants,
-- withdrawals, bounces and complaints per Astana day (UTC+5, the day of occurred_at), topic
-- and channel. No person in either table. Each event appends one delta as it is written;
-- the Worker's cron (src/store/d1/audience.ts) folds the deltas into the day counts, so
-- reading 90 days never scans the ledger. Erasure keeps them: they name nobody.

-- CreateTable
CREATE TABLE "audience_reach" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "computed_at" TEXT NOT NULL,
    "contacts" INTEGER NOT NULL,
    "cells" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "consent_day_counts" (
    "day" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("day", "topic", "channel", "kind")
);

-- CreateTable
CREATE TABLE "consent_count_deltas" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "day" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "kind" TEXT NOT NULL
);

-- A complaint is a withdrawal (source "complaint"), a hard bounce a suppression (source
-- "bounce"); pending, cleared and other statuses are not counted.
CREATE TRIGGER "consent_events_count" AFTER INSERT ON "consent_events"
WHEN NEW."status" IN ('granted', 'withdrawn') OR (NEW."status" = 'suppressed' AND NEW."source" = 'bounce')
BEGIN
    INSERT INTO "consent_count_deltas" ("day", "topic", "channel", "kind")
    VALUES (
        date(NEW."occurred_at", '+5 hours'), NEW."topic", NEW."channel",
        CASE WHEN NEW."status" = 'granted' THEN 'granted'
             WHEN NEW."status" = 'withdrawn' AND NEW."source" = 'complaint' THEN 'complained'
             WHEN NEW."status" = 'withdrawn' THEN 'withdrawn'
             ELSE 'bounced' END
    );
END;

-- The ledger so far, counted once.
INSERT INTO "consent_day_counts" ("day", "topic", "channel", "kind", "count")
SELECT date("occurred_at", '+5 hours'), "topic", "channel",
       CASE WHEN "status" = 'granted' THEN 'granted'
            WHEN "status" = 'withdrawn' AND "source" = 'complaint' THEN 'complained'
            WHEN "status" = 'withdrawn' THEN 'withdrawn'
            ELSE 'bounced' END,
       COUNT(*)
FROM "consent_events"
WHERE "status" IN ('granted', 'withdrawn') OR ("status" = 'suppressed' AND "source" = 'bounce')
GROUP BY 1, 2, 3, 4;
