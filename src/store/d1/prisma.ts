import { PrismaD1 } from "@prisma/adapter-d1";
import { PrismaClient } from "../generated/client";

/**
 * A Prisma client over one request's D1 binding. Prisma ignores transactions on D1, so it
 * is used here only for single-statement work; anything that must be atomic across rows
 * goes through D1's batch() (see ../d1-store.ts).
 */
export function createPrisma(db: D1Database): PrismaClient {
  return new PrismaClient({ adapter: new PrismaD1(db) });
}

export type { PrismaClient };
