import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

// The real migrations, applied once to this run's local D1 (applyD1Migrations skips
// what is already applied). Tests build their own data and never rely on each other's.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
