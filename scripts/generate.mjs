// Generated code the sources import: the Prisma client (src/store/generated) and the
// Worker's binding types (worker-configuration.d.ts). Runs after every npm install.
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { run } from "./lib/run.mjs";

async function postgresSchema() {
  const schema = await readFile("prisma/schema.prisma", "utf8");
  const output = fileURLToPath(new URL("../src/store/generated", import.meta.url));
  const derived = schema
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace(/output\s*=\s*"[^"]*"/, `output = ${JSON.stringify(output)}`);
  if (!derived.includes('provider = "postgresql"') || !derived.includes(output)) throw new Error("prisma/schema.prisma: no sqlite datasource or output to swap");
  const path = join(await mkdtemp(join(tmpdir(), "orleu-prisma-")), "schema.prisma");
  await writeFile(path, derived);
  return path;
}

// Prisma's CLI wants to download its native schema engine before anything else, and the
// download is not reachable here. `generate` never runs that engine, so any executable
// stands in for it (see ../shared/TOOLCHAIN.md).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
// The client serves PostgreSQL (src/store/pg); D1's statements are raw (src/store/d1). It is
// generated from the one model with the datasource's provider swapped.
await run("prisma", ["generate", "--schema", await postgresSchema()]);
// Vars typed as string: their values are per deployment (wrangler.toml's [env.production]).
await run("wrangler", ["types", "--include-runtime=true", "--strict-vars=false"]);
