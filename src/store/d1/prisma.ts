import { PrismaD1 } from "@prisma/adapter-d1";
import { PrismaClient } from "../generated/client";

/**
 * A Prisma client over one request's D1 binding. Prisma ignores transactions on D1, so it
 * is used here only for single-statement work; anything that must be atomic across rows
 * goes through D1's batch() (see contacts.ts and ledger.ts).
 */
function createPrisma(db: D1Database): PrismaClient {
  return new PrismaClient({ adapter: new PrismaD1(db) });
}

/** The client made on first use: most requests never need it. */
export function prismaOnFirstUse(db: D1Database): () => PrismaClient {
  let prisma: PrismaClient | undefined;
  return () => (prisma ??= createPrisma(db));
}

export type { PrismaClient };
