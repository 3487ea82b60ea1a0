// Generated code the sources import: the Prisma client (src/store/generated), the phone
// metadata (src/consent/phone-metadata.json) and the Worker's binding types
// (worker-configuration.d.ts). Runs after every npm install.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { run } from "./lib/run.mjs";

/**
 * Models src/store/pg reaches by raw SQL alone: left out of the client, whose per-model
 * query graph costs upload (~0.8 KiB gzip each). The drift checks read
 * prisma/schema.prisma itself, so they still hold the tables to it.
 */
const RAW_SQL_MODELS = ["WebhookEndpoint", "WebhookEndpointDelivery", "ConsentEvent", "Erasure", "Suppression", "WebhookDelivery", "AudienceReach", "ConsentDayCount", "ConsentCountDelta", "FrequencyCap", "Send",
  "ConsentState", "ConsentCadence", "Contact", "SendCheck", "CampaignRecipient", "Campaign"];

/** schema.prisma for PostgreSQL: the same file with the datasource's provider swapped. */
async function postgresSchema() {
  let schema = await readFile("prisma/schema.prisma", "utf8");
  for (const model of RAW_SQL_MODELS) {
    const without = schema.replace(new RegExp(`^model ${model} \\{[\\s\\S]*?^\\}\\n`, "m"), "");
    if (without === schema) throw new Error(`prisma/schema.prisma: no model ${model} to leave out of the client`);
    // And the back-relations other models have to it (a field naming it, nothing else).
    schema = without.replace(new RegExp(`^\\s+\\w+\\s+${model}(\\[\\]|\\?)?[ \\t]*(//.*)?\\n`, "gm"), "");
  }
  const derived = schema.replace('provider = "sqlite"', 'provider = "postgresql"');
  if (derived === schema) throw new Error('prisma/schema.prisma: no provider = "sqlite" to swap');
  // As deep below the project as prisma/ is, so the generator's relative output holds.
  const dir = "node_modules/.prisma-postgres";
  await mkdir(dir, { recursive: true });
  // Without its comments: the client carries the schema's text (inlineSchema) in the upload.
  const bare = derived
    .split("\n")
    .filter((line) => !/^\s*\/\//.test(line))
    .map((line) => line.replace(/\s+\/\/.*$/, ""))
    .join("\n");
  const placed = bare.replace(/(output\s*=\s*)"\.\.\/src\/store\/generated"/, '$1"../../src/store/generated"');
  if (placed === derived) throw new Error('prisma/schema.prisma: no output = "../src/store/generated" to move');
  await writeFile(`${dir}/schema.prisma`, placed);
  return `${dir}/schema.prisma`;
}

// Prisma's CLI wants to download its native schema engine before anything else, and the
// download is not reachable here. `generate` never runs that engine, so any executable
// stands in for it (see ../shared/TOOLCHAIN.md).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
// The client serves PostgreSQL (src/store/pg); D1's statements are raw (src/store/d1). It is
// generated from the one model with the datasource's provider swapped.
await run("prisma", ["generate", "--schema", await postgresSchema()]);
/**
 * libphonenumber-js's smallest metadata without the formats it keeps for formatting numbers
 * for display: the service only parses, validates and writes E.164 (src/consent/addresses.ts),
 * which never read them. About 8.5 KiB gzip of the upload (docs/decisions.md, "Size").
 */
async function phoneMetadata() {
  const metadata = JSON.parse(await readFile("node_modules/libphonenumber-js/metadata.min.json", "utf8"));
  // Version 4's layout keeps a country's formats at index 4 (libphonenumber-js's metadata.js, _getFormats).
  if (metadata.version !== 4 || !Array.isArray(metadata.countries.RU?.[4]?.[0])) {
    throw new Error("libphonenumber-js: the metadata's layout changed; see scripts/generate.mjs");
  }
  for (const country of Object.values(metadata.countries)) if (country.length > 4) country[4] = 0;
  await writeFile("src/consent/phone-metadata.json", JSON.stringify(metadata));
}
await phoneMetadata();

// Vars typed as string: their values are per deployment (wrangler.toml's [env.production]).
await run("wrangler", ["types", "--include-runtime=true", "--strict-vars=false"]);
