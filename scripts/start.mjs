// npm start: the Worker on http://localhost:8787 (or $PORT) in workerd, with its local D1
// database migrated and .dev.vars made if missing.
import { ensureDevVars } from "./lib/dev-vars.mjs";
import { run } from "./lib/run.mjs";

const added = ensureDevVars();
if (added.length) console.log(`Wrote fresh ${added.join(", ")} to .dev.vars`);
await run("wrangler", ["d1", "migrations", "apply", "DB", "--local"], { env: { ...process.env, CI: "1" } });
const port = process.env.PORT || "8787";
console.log(`Starting on http://localhost:${port} (ADMIN_API_KEY is in .dev.vars)`);
// Links point back at this server, on whichever port it listens.
const base = ["--var", `PUBLIC_BASE_URL:http://localhost:${port}`];
await run("wrangler", ["dev", "--port", port, ...base, ...process.argv.slice(2)]);
