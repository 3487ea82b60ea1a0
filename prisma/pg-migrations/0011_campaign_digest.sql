-- A campaign may be its topic's digest, as D1's 0019.
ALTER TABLE "campaigns" ADD COLUMN "digest" INTEGER NOT NULL DEFAULT 0;
