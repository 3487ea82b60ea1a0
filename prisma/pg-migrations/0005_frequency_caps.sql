-- Frequency caps (issue 13, docs/decision.md), as D1's 0014: the operator's caps, replaced
-- whole by PUT /v1/frequency-caps, and what was sent, for the send check to count.

-- CreateTable
CREATE TABLE "frequency_caps" (
    "channel" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "max" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "set_at" TEXT NOT NULL,
    "set_by" TEXT NOT NULL,

    CONSTRAINT "frequency_caps_pkey" PRIMARY KEY ("channel","topic")
);

-- CreateTable
CREATE TABLE "sends" (
    "contact_id" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "sent_at" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "origin" TEXT NOT NULL,

    CONSTRAINT "sends_pkey" PRIMARY KEY ("contact_id","channel","sent_at","topic","origin")
);

-- AddForeignKey
ALTER TABLE "sends" ADD CONSTRAINT "sends_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
