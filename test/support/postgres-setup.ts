import type { TestProject } from "vitest/node";
import { migratePostgres } from "../../scripts/lib/pg-migrate.mjs";
import { postgresMissing, startPostgres } from "./postgres.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    /**
     * This run's throwaway server: `admin` reaches its postgres database, `template` is a
     * migrated database to copy, `worker` the migrated database the Worker's HYPERDRIVE reaches.
     */
    postgres: { admin: string; template: string; worker: string };
  }
}

/** The database every "postgres" test file copies (CREATE DATABASE … TEMPLATE), migrated once. */
const TEMPLATE = "orleu_migrated";

/** The database of the "worker-postgres" project, shared by all its test files. */
const WORKER = "orleu_worker";

type Provided = { admin: string; template: string; worker: string };
type Shared = { users: number; ready: Promise<{ provided: Provided; stop(): Promise<void> }> };

// Each project loads its global setup files in a module runner of its own, so module state
// is not shared between "postgres" and "worker-postgres"; the main process's globalThis is.
const SHARED = Symbol.for("orleu.test.postgres");
const slot = globalThis as { [SHARED]?: Shared };

async function start(): Promise<{ provided: Provided; stop(): Promise<void> }> {
  const started = performance.now();
  const server = await startPostgres();
  const up = performance.now();
  try {
    const [template, worker] = await Promise.all([server.createDatabase(TEMPLATE), server.createDatabase(WORKER)]);
    await Promise.all([migratePostgres(template), migratePostgres(worker)]);
    console.info(`[postgres] server on port ${server.port} in ${Math.round(up - started)} ms; migrated in ${Math.round(performance.now() - up)} ms`);
    return { provided: { admin: server.url("postgres"), template: TEMPLATE, worker }, stop: server.stop };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/**
 * Once per run, for the "postgres" and "worker-postgres" projects together: a throwaway
 * server with migrated databases, stopped after the last of them. Without PostgreSQL it
 * fails and says how to get it; vitest.config.ts leaves these projects out beforehand,
 * outside CI, when the server binaries are missing.
 */
export default async function setup(project: TestProject) {
  const problem = postgresMissing();
  if (problem) throw new Error(`The PostgreSQL tests cannot run: ${problem}`);
  const shared = (slot[SHARED] ??= { users: 0, ready: start() });
  shared.ready.catch(() => delete slot[SHARED]);
  shared.users += 1;
  const server = await shared.ready;
  project.provide("postgres", server.provided);
  return async () => {
    shared.users -= 1;
    if (shared.users > 0) return;
    delete slot[SHARED];
    await server.stop();
  };
}
