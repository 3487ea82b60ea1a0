-- The console's audience page, as D1's 0018: the reach snapshot, and the ledger events
-- counted per day for the trends, one delta per event as it is written (an insert, so no
-- counter row is a lock every writer of the day waits on until it commits), folded into the
-- day counts by the cron (src/store/pg/audience.ts).

-- CreateTable
CREATE TABLE "audience_reach" (
    "id" TEXT NOT NULL,
    "computed_at" TEXT NOT NULL,
    "contacts" INTEGER NOT NULL,
    "cells" TEXT NOT NULL,

    CONSTRAINT "audience_reach_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consent_day_counts" (
    "day" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "consent_day_counts_pkey" PRIMARY KEY ("day","topic","channel","kind")
);

-- CreateTable
CREATE TABLE "consent_count_deltas" (
    "seq" SERIAL NOT NULL,
    "day" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "kind" TEXT NOT NULL,

    CONSTRAINT "consent_count_deltas_pkey" PRIMARY KEY ("seq")
);

-- The Astana day of an ISO instant, and what an event counts as (NULL: not counted).
CREATE FUNCTION "astana_day"(instant text) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT to_char((instant::timestamptz AT TIME ZONE 'UTC') + interval '5 hours', 'YYYY-MM-DD')
$$;

CREATE FUNCTION "consent_count_kind"(status text, source text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN status = 'granted' THEN 'granted'
                WHEN status = 'withdrawn' AND source = 'complaint' THEN 'complained'
                WHEN status = 'withdrawn' THEN 'withdrawn'
                WHEN status = 'suppressed' AND source = 'bounce' THEN 'bounced' END
$$;

CREATE FUNCTION "consent_events_count"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "consent_count_deltas" ("day", "topic", "channel", "kind")
    VALUES ("astana_day"(NEW."occurred_at"), NEW."topic", NEW."channel", "consent_count_kind"(NEW."status", NEW."source"));
    RETURN NULL;
END;
$$;

CREATE TRIGGER "consent_events_count" AFTER INSERT ON "consent_events"
FOR EACH ROW WHEN ("consent_count_kind"(NEW."status", NEW."source") IS NOT NULL)
EXECUTE FUNCTION "consent_events_count"();

-- The ledger so far, counted once.
INSERT INTO "consent_day_counts" ("day", "topic", "channel", "kind", "count")
SELECT "astana_day"("occurred_at"), "topic", "channel", "consent_count_kind"("status", "source"), COUNT(*)
FROM "consent_events"
WHERE "consent_count_kind"("status", "source") IS NOT NULL
GROUP BY 1, 2, 3, 4;
