-- A campaign may be its topic's digest (issue 13, POST /v1/campaigns "digest": true): people
-- who chose "monthly digest only" get it, at creation and in each batch's re-check.
ALTER TABLE "campaigns" ADD COLUMN "digest" INTEGER NOT NULL DEFAULT 0;
