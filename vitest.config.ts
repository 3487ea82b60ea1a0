import { cloudflareTest, readD1Migrations, type D1Migration } from "@cloudflare/vitest-plugin";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";
import { postgresMissing } from "./test/support/postgres.mjs";

// Six projects: "worker" runs the Worker in workerd against real D1 with the real
// migrations, and "worker-postgres" runs the same tests with HYPERDRIVE bound to a throwaway
// PostgreSQL server; "node" holds the checks that need Node (the schema drift check);
// "postgres" checks PostgreSQL's migrations and triggers on that server; "browser" drives
// the pages in Chromium against the Worker under wrangler dev.
export default defineConfig(async () => {
  const migrations = await readD1Migrations("prisma/migrations");
  const postgresSkipped = postgresSkipReason();
  const warnSkipped = () => {
    if (postgresSkipped) console.warn(`\n[postgres] SKIPPED the "postgres" and "worker-postgres" projects: ${postgresSkipped}\n`);
  };
  // Vitest evaluates this function once per project; say it once, before anything can fail.
  const said = globalThis as { [SKIP_SAID]?: true };
  if (!said[SKIP_SAID]) warnSkipped();
  said[SKIP_SAID] = true;
  return {
    // pg-cloudflare exports its socket under "workerd" only, and the plugin resolves what
    // workerd cannot find (pg's require of it) with the root's conditions, not the project's.
    ssr: { resolve: { conditions: ["workerd", "worker", "module", "browser"] } },
    test: {
      // Said again after the results, where it is seen.
      reporters: ["default", { onTestRunEnd: warnSkipped }],
      projects: [
        workerProject("worker", migrations),
        ...(postgresSkipped ? [] : [workerProject("worker-postgres", migrations)]),
        {
          plugins: [nodeConditions],
          test: { name: "node", include: ["test/node/**/*.test.ts"], environment: "node", testTimeout: 60_000 },
        },
        ...(postgresSkipped
          ? []
          : [
              {
                // A real PostgreSQL server started for the run (test/support/postgres-setup.ts).
                plugins: [nodeConditions],
                test: {
                  name: "postgres",
                  include: ["test/postgres/**/*.test.ts"],
                  environment: "node",
                  globalSetup: ["./test/support/postgres-setup.ts"],
                  testTimeout: 30_000,
                  hookTimeout: 30_000,
                },
              },
            ]),
        {
          // Real pages in Chromium against the real Worker under wrangler dev (test/browser/global-setup.ts).
          plugins: [nodeConditions],
          test: {
            name: "browser",
            include: ["test/browser/**/*.test.ts"],
            environment: "node",
            globalSetup: ["./test/browser/global-setup.ts"],
            testTimeout: 30_000,
            hookTimeout: 30_000,
          },
        },
      ],
    },
  };
});

/** The Worker's tests in workerd: on D1, or with HYPERDRIVE bound to this run's PostgreSQL (test/support/postgres-setup.ts). */
function workerProject(name: "worker" | "worker-postgres", migrations: D1Migration[]): TestProjectInlineConfiguration {
  const postgres = name === "worker-postgres";
  return {
    plugins: [
      cloudflareTest(({ inject }) => ({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            ADMIN_API_KEY: "mpk_admin_test_0123456789abcdefghijklmnopqrstuvwxyz",
            ADDRESS_HASH_KEY: "test-address-hash-key-0123456789abcdefghijkl",
            RESEND_WEBHOOK_SECRET: "whsec_dGVzdC13ZWJob29rLXNlY3JldC0wMTIzNDU2Nzg5",
            // Key 2 signs; key 1 is an older key whose links still work.
            LINK_SIGNING_KEYS: "2:test-link-key-two-0123456789abcdefghijklmn,1:test-link-key-one-0123456789abcdefghijklmn",
            PUBLIC_BASE_URL: "https://prefs.test",
            UNSUBSCRIBE_MAIL_DOMAIN: "unsubscribe.prefs.test",
          },
          // Low enough for a test to reach; the whole suite stays far below it per key.
          ratelimits: {
            API_RATE_LIMIT: { namespace_id: "1001", simple: { limit: 1000, period: 60 } },
            LINK_REQUEST_CLIENT_LIMIT: { namespace_id: "1002", simple: { limit: 10, period: 60 } },
            LINK_REQUEST_ADDRESS_LIMIT: { namespace_id: "1003", simple: { limit: 3, period: 60 } },
            CONSOLE_SIGN_IN_LIMIT: { namespace_id: "1004", simple: { limit: 10, period: 60 } },
          },
          // D1 stays bound (test/worker/setup.ts migrates it); the Worker prefers HYPERDRIVE.
          ...(postgres ? { hyperdrives: { HYPERDRIVE: inject("postgres").worker } } : {}),
        },
      })),
    ],
    test: {
      name,
      include: ["test/worker/**/*.test.ts", "src/**/*.test.ts"],
      setupFiles: ["./test/worker/setup.ts"],
      // A fake of Resend's API on a local port, for the mail tests (test/support/fake-resend.ts).
      // And a receiver of the consent webhooks the Worker sends (test/support/webhook-receiver.ts).
      globalSetup: [
        "./test/support/fake-resend-setup.ts",
        "./test/support/webhook-receiver-setup.ts",
        ...(postgres ? ["./test/support/postgres-setup.ts"] : []),
      ],
    },
  };
}

/**
 * Vite's own server conditions back for the projects that run in Node: vitest hands a
 * project's conditions to Node (--conditions), and with the root's "workerd" packages such
 * as @libsql/client would load their web build there.
 */
const nodeConditions = {
  name: "node-conditions",
  configEnvironment(name: string, config: { resolve?: { conditions?: string[] } }) {
    if (name === "ssr") config.resolve = { ...config.resolve, conditions: ["module", "node", "development|production"] };
  },
};

/**
 * Outside CI, a machine without PostgreSQL runs everything else and says, before and after,
 * that the two PostgreSQL projects were left out and why. In CI (CI set) they always run,
 * and fail saying what is missing.
 */
const SKIP_SAID = Symbol.for("orleu.test.postgres-skip-said");

function postgresSkipReason(): string | undefined {
  const problem = postgresMissing();
  const ci = Boolean(process.env.CI) && !["0", "false"].includes(process.env.CI!.toLowerCase());
  return problem && !ci ? `${problem}. With CI set they fail instead.` : undefined;
}
