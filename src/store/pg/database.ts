import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "../generated/client";

/**
 * One connection's way in: Prisma's model API (`model`) for plain reads and writes of one
 * table, and raw statements with $1-style parameters (`all`, `first`, `run`: the rows
 * answered, or how many rows changed) where a statement is a condition, a lock or set work.
 */
export interface Sql {
  readonly model: Prisma.TransactionClient;
  all<T>(text: string, ...params: unknown[]): Promise<T[]>;
  first<T>(text: string, ...params: unknown[]): Promise<T | undefined>;
  run(text: string, ...params: unknown[]): Promise<number>;
}

export interface Database extends Sql {
  /**
   * Runs `work` in one transaction (READ COMMITTED, PostgreSQL's default; a snapshot,
   * REPEATABLE READ, when asked): committed when it returns, rolled back when it throws.
   * Writes that read before they decide take a row lock first (ledger.ts), so each statement
   * after it reads what the lock's previous holder committed.
   */
  transaction<T>(work: (tx: Sql) => Promise<T>, options?: { snapshot: boolean }): Promise<T>;
  /** Ends the connection, if one was opened. */
  close(): Promise<void>;
}

/** Long enough for a 1,000-row import chunk on a loaded server; a stuck transaction still ends. */
const TRANSACTION_LIMITS = { maxWait: 10_000, timeout: 30_000 };

function over(client: Prisma.TransactionClient): Sql {
  return {
    model: client,
    all: <T>(text: string, ...params: unknown[]) => client.$queryRawUnsafe<T[]>(text, ...params),
    first: async <T>(text: string, ...params: unknown[]) => (await client.$queryRawUnsafe<T[]>(text, ...params))[0],
    run: (text: string, ...params: unknown[]) => client.$executeRawUnsafe(text, ...params),
  };
}

/**
 * One request's PostgreSQL: a Prisma client over Hyperdrive's connection string
 * (@prisma/adapter-pg), made on first use; Hyperdrive pools the real connections, so a
 * client per request is what it wants.
 */
export function openDatabase(connectionString: string): Database {
  let client: PrismaClient | undefined;
  const prisma = () => (client ??= new PrismaClient({ adapter: new PrismaPg({ connectionString }) }));
  return {
    get model() {
      return prisma();
    },
    all: (text, ...params) => over(prisma()).all(text, ...params),
    first: (text, ...params) => over(prisma()).first(text, ...params),
    run: (text, ...params) => over(prisma()).run(text, ...params),
    transaction: (work, options) =>
      prisma().$transaction((tx) => work(over(tx)), { ...TRANSACTION_LIMITS, ...(options?.snapshot ? { isolationLevel: "RepeatableRead" } : {}) }),
    close: async () => {
      await client?.$disconnect();
      client = undefined;
    },
  };
}

/** A write refused by a unique index: another request wrote the same row first. */
export function isUniqueViolation(error: unknown): boolean {
  const text = String(error);
  return text.includes("Unique constraint failed") || text.includes("23505") || text.includes("duplicate key value");
}
