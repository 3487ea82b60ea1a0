// npm start: the Worker on http://localhost:8787 (or $PORT) in workerd, with its local D1
// database migrated and .dev.vars made if missing. With DATABASE_URL=postgresql://… it also
// migrates that PostgreSQL database and binds it as HYPERDRIVE, which the Worker then uses.
import { ensureDevVars } from "./lib/dev-vars.mjs";
import { HYPERDRIVE_URL_VARIABLE, databaseUrlProblem, redactedUrl, writePostgresConfig } from "./lib/local-postgres.mjs";
import { migratePostgres } from "./lib/pg-migrate.mjs";
import { run } from "./lib/run.mjs";

/** A wrong DATABASE_URL or an unreachable server: the reason alone, no stack trace. */
const stop = (reason) => {
  console.error(`npm start: ${reason}`);
  process.exit(1);
};

const databaseUrl = process.env.DATABASE_URL;
const problem = databaseUrl && databaseUrlProblem(databaseUrl);
if (problem) stop(problem);
const added = ensureDevVars();
if (added.length) console.log(`Wrote fresh ${added.join(", ")} to .dev.vars`);
await run("wrangler", ["d1", "migrations", "apply", "DB", "--local"], { env: { ...process.env, CI: "1" } });
const env = { ...process.env };
const config = [];
if (databaseUrl) {
  const where = `PostgreSQL at ${redactedUrl(databaseUrl)}`;
  const applied = await migratePostgres(databaseUrl).catch((error) => stop(`${where}: ${error.message}`));
  console.log(`${where}: ${applied.length ? `applied ${applied.join(", ")}` : "migrations up to date"}`);
  env[HYPERDRIVE_URL_VARIABLE] = databaseUrl;
  config.push("--config", writePostgresConfig());
}
const port = process.env.PORT || "8787";
console.log(`Starting on http://localhost:${port} (ADMIN_API_KEY is in .dev.vars)`);
// Links point back at this server, on whichever port it listens.
const base = ["--var", `PUBLIC_BASE_URL:http://localhost:${port}`];
await run("wrangler", ["dev", ...config, "--port", port, ...base, ...process.argv.slice(2)], { env });
