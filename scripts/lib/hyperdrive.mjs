// Production's Hyperdrive configuration: its query cache stays off, because a cached result
// would be a copy of personal data kept outside Kazakhstan; and it verifies the server's
// certificate and name (sslmode=verify-full). Caching belongs to the configuration in
// Cloudflare, not to wrangler.toml, so it is set where the configuration is made
// (`npm run hyperdrive:create`) and checked where it is used (`npm run hyperdrive:check`,
// run by `npm run deploy`).
import { unstable_readConfig } from "wrangler";

export const HYPERDRIVE_NAME = "orleu-preferences";

// Flags that would set caching or write a binding into wrangler.toml's top level (where
// wrangler dev, hence npm start, would refuse it). Compared without dashes and case.
const REFUSED = {
  cachingdisabled: "--caching-disabled is always added; a value or a negation of it could turn the cache on",
  nocachingdisabled: "the query cache stays off",
  maxage: "--max-age is a cache setting; the query cache stays off",
  swr: "--swr is a cache setting; the query cache stays off",
  sslmode: "--sslmode verify-full is added (except with --service-id, where the VPC Service verifies)",
  updateconfig: "--update-config would write the binding at wrangler.toml's top level; put the id in [env.production.hyperdrive]",
};

/** `wrangler hyperdrive create` arguments for the caller's, with the cache off; throws naming a refused flag. */
export function hyperdriveCreateArgs(userArgs) {
  for (const arg of userArgs) {
    if (arg === "--") throw new Error("--: what follows it would not be flags, and neither would the ones added here");
    const flag = arg.startsWith("-") ? arg.replace(/^-+/, "").split("=")[0].replace(/[-_]/g, "").toLowerCase() : "";
    if (flag in REFUSED) throw new Error(`${arg.split("=")[0]}: ${REFUSED[flag]}`);
  }
  const named = userArgs[0] && !userArgs[0].startsWith("-");
  const name = named ? [] : [HYPERDRIVE_NAME];
  const vpc = userArgs.some((a) => /^--service-id(=|$)/.test(a));
  // Last, so that nothing after them can undo them.
  return ["hyperdrive", "create", ...name, ...userArgs, ...(vpc ? [] : ["--sslmode", "verify-full"]), "--caching-disabled"];
}

/** The id of production's HYPERDRIVE binding in wrangler.toml. */
export function productionHyperdriveId(configPath = "wrangler.toml") {
  const binding = unstable_readConfig({ config: configPath, env: "production" }).hyperdrive.find((h) => h.binding === "HYPERDRIVE");
  if (!binding) throw new Error(`${configPath} [env.production] has no Hyperdrive binding HYPERDRIVE`);
  return binding.id;
}

/** What is wrong with a configuration as the Cloudflare API describes it (`wrangler hyperdrive get`); [] when nothing. */
export function hyperdriveProblems(config) {
  const problems = [];
  // Absent means Cloudflare's default, which is caching on.
  if (config.caching?.disabled !== true) problems.push(`its query cache is on (caching: ${JSON.stringify(config.caching ?? "default")}); turn it off: npx wrangler hyperdrive update ${config.id} --caching-disabled`);
  if (!config.origin?.service_id && config.mtls?.sslmode !== "verify-full") {
    problems.push(`it does not verify the server's certificate and name (sslmode: ${config.mtls?.sslmode ?? "require, the default"}); set --sslmode verify-full with --ca-certificate-id`);
  }
  return problems;
}
