import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "../generated/client";
import { connectPg, lazyConnection, type SqlConnection } from "./sql";

export { isUniqueViolation, type Sql } from "./sql";

/**
 * One request's PostgreSQL: raw statements and transactions (`all`, `first`, `run`,
 * `transaction`: ./sql.ts) on a plain `pg` connection, and Prisma's model API (`model`) for
 * plain reads and writes of one table where nothing is hot (managing API keys, an import's
 * upload, a campaign's row and its batches, the development outbox). A transaction's work gets statements only, so none can reach `model`,
 * which is outside it.
 */
export interface Database extends SqlConnection {
  readonly model: Prisma.TransactionClient;
}

/**
 * Both made on first use over Hyperdrive's connection string, which pools the real
 * connections, so a client per request is what it wants: the `pg` connection for a
 * statement, the Prisma client (with its query compiler, the costly part) only when `model`
 * is used. close() ends whichever was opened.
 */
export function openDatabase(connectionString: string): Database {
  const sql = lazyConnection(() => connectPg(connectionString));
  let client: PrismaClient | undefined;
  return {
    get model() {
      return (client ??= new PrismaClient({ adapter: new PrismaPg({ connectionString }) }));
    },
    all: sql.all,
    first: sql.first,
    run: sql.run,
    transaction: sql.transaction,
    close: async () => {
      const prisma = client;
      client = undefined;
      await Promise.all([sql.close(), prisma?.$disconnect()]);
    },
  };
}
