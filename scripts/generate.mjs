// Generated code the sources import: the Prisma client (src/store/generated) and the
// Worker's binding types (worker-configuration.d.ts). Runs after every npm install.
import { run } from "./lib/run.mjs";

// Prisma's CLI wants to download its native schema engine before anything else, and the
// download is not reachable here. `generate` never runs that engine, so any executable
// stands in for it (see ../shared/TOOLCHAIN.md).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
await run("prisma", ["generate"]);
// Vars typed as string: their values are per deployment (wrangler.toml's [env.production]).
await run("wrangler", ["types", "--include-runtime=true", "--strict-vars=false"]);
