import type { SuppressionCounts, SuppressionCursor, SuppressionEntry } from "../types";
import { SUPPRESSION_COLUMNS, toSuppressionCounts, withSuppressionAddresses } from "../rows";
import type { Database } from "./database";

// Twins of src/store/d1/suppressions.ts.

export async function countSuppressions(db: Database): Promise<SuppressionCounts> {
  const rows = await db.all<{ reason: string; n: number | string }>(
    `SELECT reason, count(*) AS n FROM suppressions GROUP BY reason
     UNION ALL SELECT 'erasures', count(*) FROM erasures`,
  );
  return toSuppressionCounts(rows);
}

export async function listSuppressions(
  db: Database,
  { after, limit, withAddresses }: { after: SuppressionCursor | undefined; limit: number; withAddresses: boolean },
): Promise<SuppressionEntry[]> {
  const page = `SELECT ${SUPPRESSION_COLUMNS} FROM suppressions s
    WHERE ($1::text IS NULL OR (s.created_at COLLATE "C", s.address_hash COLLATE "C", s.channel COLLATE "C") < ($1, $2, $3))
    ORDER BY s.created_at COLLATE "C" DESC, s.address_hash COLLATE "C" DESC, s.channel COLLATE "C" DESC LIMIT $4`;
  return db.all<SuppressionEntry>(
    withAddresses ? withSuppressionAddresses(page, `p."createdAt" COLLATE "C" DESC, p."addressHash" COLLATE "C" DESC, p.channel COLLATE "C" DESC`) : page,
    after?.createdAt ?? null,
    after?.addressHash ?? null,
    after?.channel ?? null,
    limit,
  );
}
