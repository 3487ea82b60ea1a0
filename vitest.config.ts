import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// Four projects: "worker" runs the Worker in workerd against real D1 with the real
// migrations; "node" holds the checks that need Node (the schema drift check); "postgres"
// checks PostgreSQL's migrations and triggers on a throwaway server; "browser" drives the
// pages in Chromium against the Worker under wrangler dev.
export default defineConfig(async () => {
  const migrations = await readD1Migrations("prisma/migrations");
  return {
    test: {
      projects: [
        {
          plugins: [
            cloudflareTest({
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
                },
              },
            }),
          ],
          test: {
            name: "worker",
            include: ["test/worker/**/*.test.ts", "src/**/*.test.ts"],
            setupFiles: ["./test/worker/setup.ts"],
            // A fake of Resend's API on a local port, for the mail tests (test/support/fake-resend.ts).
            globalSetup: ["./test/support/fake-resend-setup.ts"],
          },
        },
        {
          test: { name: "node", include: ["test/node/**/*.test.ts"], environment: "node", testTimeout: 60_000 },
        },
        {
          // A real PostgreSQL server started for the run (test/support/postgres-setup.ts).
          test: {
            name: "postgres",
            include: ["test/postgres/**/*.test.ts"],
            environment: "node",
            globalSetup: ["./test/support/postgres-setup.ts"],
            testTimeout: 30_000,
            hookTimeout: 30_000,
          },
        },
        {
          // Real pages in Chromium against the real Worker under wrangler dev (test/browser/global-setup.ts).
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
