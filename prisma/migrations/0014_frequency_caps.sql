-- Frequency caps (issue 13, docs/decision.md): the operator's caps, replaced whole by
-- PUT /v1/frequency-caps, and what was sent (campaign batches, send checks made with
-- commit: true) for the send check to count per contact in one set-based lookup. The
-- primary key of sends is also the index the count reads (contact, channel, time, topic).

-- CreateTable
CREATE TABLE "frequency_caps" (
    "channel" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "max" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "set_at" TEXT NOT NULL,
    "set_by" TEXT NOT NULL,

    PRIMARY KEY ("channel", "topic")
);

-- CreateTable
CREATE TABLE "sends" (
    "contact_id" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "sent_at" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "origin" TEXT NOT NULL,

    PRIMARY KEY ("contact_id", "channel", "sent_at", "topic", "origin"),
    CONSTRAINT "sends_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contacts" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
