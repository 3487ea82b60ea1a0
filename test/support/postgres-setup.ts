import type { TestProject } from "vitest/node";
import { migratePostgres } from "../../scripts/lib/pg-migrate.mjs";
import { postgresMissing, startPostgres } from "./postgres.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    /** This run's throwaway server: `admin` reaches its postgres database, `template` is migrated. */
    postgres: { admin: string; template: string };
  }
}

/** The database every test file copies (CREATE DATABASE … TEMPLATE), migrated once. */
export const TEMPLATE = "orleu_migrated";

/**
 * Once per run of the "postgres" project: a throwaway server with a migrated template
 * database, stopped afterwards. Without PostgreSQL the run fails and says how to get it:
 * a test that cannot run is not skipped (as the browser tests without Chromium).
 */
export default async function setup(project: TestProject) {
  const problem = postgresMissing();
  if (problem) throw new Error(`The PostgreSQL tests cannot run: ${problem} (apt-get install postgresql; .ci/run does)`);
  const started = performance.now();
  const server = await startPostgres();
  const up = performance.now();
  try {
    const template = await server.createDatabase(TEMPLATE);
    await migratePostgres(template);
  } catch (error) {
    await server.stop();
    throw error;
  }
  const done = performance.now();
  console.info(`[postgres] server on port ${server.port} in ${Math.round(up - started)} ms; migrated in ${Math.round(done - up)} ms`);
  project.provide("postgres", { admin: server.url("postgres"), template: TEMPLATE });
  return server.stop;
}
