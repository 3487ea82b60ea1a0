// npm run deploy:check: refuses wrangler.toml's [env.production] while a placeholder or a
// development setting is left in it (scripts/lib/production-config.mjs says which), then
// builds it as `wrangler deploy --env production` would, uploading nothing, and prints the
// upload size, refusing one over the budget. With --ci-fake-values it does both on a copy whose REPLACE_ME markers are
// filled with fake values: CI proves that filling them is all a deployment needs, and that
// production's build works.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PRODUCTION_ENV, productionProblems, readProductionConfig, UPLOAD_BUDGET_KIB, withCiConfig } from "./lib/production-config.mjs";

async function check(configPath) {
  const problems = productionProblems(readProductionConfig(configPath));
  if (problems.length) {
    console.error(`${configPath} [env.${PRODUCTION_ENV}] is not ready to deploy (README, "Deploy"):\n- ${problems.join("\n- ")}`);
    process.exitCode = 1;
    return;
  }
  const outdir = mkdtempSync(join(tmpdir(), "production-build-"));
  try {
    const output = execFileSync(
      "wrangler",
      ["deploy", "--dry-run", "--env", PRODUCTION_ENV, "--config", configPath, "--outdir", outdir],
      { encoding: "utf8", env: { ...process.env, CI: "1" }, maxBuffer: 64 << 20 },
    );
    const size = /Total Upload:\s*([\d.]+ KiB\s*\/\s*gzip:\s*([\d.]+) KiB)/.exec(output);
    if (!size) throw new Error(`could not read the upload size from:\n${output}`);
    if (Number(size[2]) > UPLOAD_BUDGET_KIB) {
      console.error(`${configPath} [env.${PRODUCTION_ENV}]: the production build uploads ${size[1]}, over the budget of ${UPLOAD_BUDGET_KIB} KiB gzip (docs/decisions.md, "Size")`);
      process.exitCode = 1;
      return;
    }
    console.log(`${configPath} [env.${PRODUCTION_ENV}]: ready; the production build uploads ${size[1]} (budget ${UPLOAD_BUDGET_KIB} KiB gzip)`);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

if (process.argv.includes("--ci-fake-values")) await withCiConfig(check);
else await check("wrangler.toml");
