import type { SuppressionCounts, SuppressionCursor, SuppressionEntry } from "../types";
import { SUPPRESSION_COLUMNS, toSuppressionCounts, withSuppressionAddresses } from "../rows";

// Twins of src/store/pg/suppressions.ts. The table is small (one row per bounced, complained
// or erased address), so the counts are counted when asked.

export async function countSuppressions(db: D1Database): Promise<SuppressionCounts> {
  const [byReason, erasures] = await db.batch<{ reason: string; n: number }>([
    db.prepare("SELECT reason, count(*) AS n FROM suppressions GROUP BY reason"),
    db.prepare("SELECT 'erasures' AS reason, count(*) AS n FROM erasures"),
  ]);
  return toSuppressionCounts([...byReason!.results, ...erasures!.results]);
}

export async function listSuppressions(
  db: D1Database,
  { after, limit, withAddresses }: { after: SuppressionCursor | undefined; limit: number; withAddresses: boolean },
): Promise<SuppressionEntry[]> {
  const page = `SELECT ${SUPPRESSION_COLUMNS} FROM suppressions s
    WHERE (?1 IS NULL OR (s.created_at, s.address_hash, s.channel) < (?1, ?2, ?3))
    ORDER BY s.created_at DESC, s.address_hash DESC, s.channel DESC LIMIT ?4`;
  const { results } = await db
    .prepare(withAddresses ? withSuppressionAddresses(page, `p."createdAt" DESC, p."addressHash" DESC, p.channel DESC`) : page)
    .bind(after?.createdAt ?? null, after?.addressHash ?? null, after?.channel ?? null, limit)
    .all<SuppressionEntry>();
  return results;
}
