import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { fillPlaceholdersForCi, readProductionConfig } from "../../scripts/lib/production-config.mjs";
import { createApp } from "../../src/app";

const root = join(import.meta.dirname, "../..");

// The app answers /openapi.json without touching the database, so Node can serve it.
it("the document production serves passes Redocly's recommended-strict lint (redocly.yaml)", async () => {
  const dir = mkdtempSync(join(tmpdir(), "openapi-lint-"));
  try {
    writeFileSync(join(dir, "wrangler.toml"), fillPlaceholdersForCi(readFileSync(join(root, "wrangler.toml"), "utf8")));
    const { vars } = readProductionConfig(join(dir, "wrangler.toml")).production;
    const env = {
      ...vars,
      ADDRESS_HASH_KEY: "lint-address-hash-key-0123456789abcdefghijkl",
      LINK_SIGNING_KEYS: "1:lint-link-key-one-0123456789abcdefghijklmn",
    };
    const response = await createApp().request("/openapi.json", {}, env);
    expect(response.status, await response.clone().text()).toBe(200);
    const document = join(dir, "openapi.json");
    writeFileSync(document, await response.text());

    const cli = join(root, "node_modules/@redocly/cli/bin/cli.js");
    const lint = await promisify(execFile)(process.execPath, [cli, "lint", "--config", join(root, "redocly.yaml"), "--format", "stylish", document], {
      env: { ...process.env, REDOCLY_SUPPRESS_NOTIFICATIONS: "true", NO_COLOR: "1" },
    }).then(
      (done) => ({ code: 0, output: done.stdout + done.stderr }),
      (failed: { code?: number; stdout: string; stderr: string }) => ({ code: failed.code ?? 1, output: failed.stdout + failed.stderr }),
    );
    expect(lint, lint.output).toMatchObject({ code: 0, output: expect.stringMatching(/Your API description is valid/) });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
