// npm run hyperdrive:create -- [name] <origin flags>: creates production's Hyperdrive
// configuration with `wrangler hyperdrive create`, always with its query cache off and (but
// through a VPC Service) sslmode=verify-full; refuses any flag that could undo either.
// npm run hyperdrive:check: asks Cloudflare for the configuration wrangler.toml's
// [env.production] binds and fails unless its cache is off and it verifies the server.
import { execFileSync } from "node:child_process";
import { hyperdriveCreateArgs, hyperdriveProblems, productionHyperdriveId } from "./lib/hyperdrive.mjs";
import { run } from "./lib/run.mjs";

const [command, ...args] = process.argv.slice(2);
try {
  if (command === "create") {
    await run("wrangler", hyperdriveCreateArgs(args));
    console.log("Put the id above in wrangler.toml's [[env.production.hyperdrive]] (README, \"Deploying in Kazakhstan\").");
  } else if (command === "check") {
    const id = productionHyperdriveId();
    const output = execFileSync("wrangler", ["hyperdrive", "get", id], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    // wrangler prints its banner, then the configuration as indented JSON.
    const problems = hyperdriveProblems(JSON.parse(output.slice(output.indexOf("\n{") + 1)));
    if (problems.length) throw new Error(`Hyperdrive configuration ${id}:\n- ${problems.join("\n- ")}`);
    console.log(`Hyperdrive configuration ${id}: query cache off, sslmode verify-full (or a VPC Service)`);
  } else {
    throw new Error("usage: node scripts/hyperdrive.mjs create [name] <flags> | check");
  }
} catch (error) {
  console.error(`hyperdrive: ${error.message}`);
  process.exitCode = 1;
}
