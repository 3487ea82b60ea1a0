import { Validator } from "@cfworker/json-schema";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { ADMIN_KEY, call } from "./api";
import { campaignEnv } from "./campaigns";
import { arbitraryFor, resolve, type Schema } from "./openapi-arbitrary";

// Requests built from the served /openapi.json, valid by its schemas or broken on purpose,
// sent with the admin key: the answer is never a 5xx, always a status the operation
// declares, and a JSON body always matches the schema declared for that status.
// Fixed seed: a failure prints it with the counterexample, and the run repeats it.
const SEED = 20_261_130;
const RUNS = 30;

const doc = (await call("GET", "/openapi.json", { key: null })).body;
const schemas: Record<string, Schema> = doc.components.schemas;
// @cfworker/json-schema resolves $refs inside the schema it is given: the components go along as $defs.
const $defs = JSON.parse(JSON.stringify(schemas).replaceAll('"#/components/schemas/', '"#/$defs/'));
const validatorFor = (schema: Schema) =>
  new Validator({ ...JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"#/$defs/')), $defs }, "2020-12", false);

// Mail goes to the fake Resend and campaigns to a queue nobody reads: without mail set up,
// what mails would answer 503 service_misconfigured, as it should.
const app = createApp();
const { env } = campaignEnv();

async function send({ method, url, contentType, rawBody }: Sent) {
  const headers: Record<string, string> = { Authorization: `Bearer ${ADMIN_KEY}`, ...(contentType ? { "Content-Type": contentType } : {}) };
  const ctx = createExecutionContext();
  const response = await app.fetch(new Request(`https://prefs.test${url}`, { method, headers, body: rawBody }), env, ctx);
  const text = await response.text();
  await waitOnExecutionContext(ctx);
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // CSV
  }
  return { status: response.status, body, headers: response.headers };
}

const operations = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
);

/** How a generated request is broken: most stay as generated. */
const MUTATIONS = ["none", "none", "none", "drop a required field", "a wrong type", "not an object"] as const;
type Mutation = (typeof MUTATIONS)[number];

/**
 * Operations that set policy every test shares (the frequency caps apply to every send
 * check): a valid random request would change what other test files running at once on the
 * run's PostgreSQL decide, so only broken ones are sent. frequency-caps.test.ts sends valid ones.
 */
const SHARED_POLICY = new Set(["PUT /v1/frequency-caps"]);

interface Sent {
  method: string;
  url: string;
  contentType?: string;
  rawBody?: string;
  mutation: Mutation;
}

function requests(method: string, path: string, operation: any): fc.Arbitrary<Sent> {
  const parameters: any[] = operation.parameters ?? [];
  const inPath = parameters.filter((p) => p.in === "path");
  const inQuery = parameters.filter((p) => p.in === "query");
  const record = (list: any[]): fc.Arbitrary<Record<string, unknown>> =>
    fc.record(Object.fromEntries(list.map((p) => [p.name as string, arbitraryFor(p.schema, schemas)])), {
      requiredKeys: list.filter((p) => p.required).map((p) => p.name as string),
    });
  // "." and ".." are not ids but path steps: the URL would name another endpoint.
  const pathValues = record(inPath).filter((values) => Object.values(values).every((v) => v !== "." && v !== ".."));
  const content = operation.requestBody?.content ?? {};
  // CSV imports are left to test/worker/imports*.test.ts.
  const contentType = ["application/json", "application/x-ndjson"].find((type) => type in content);
  const body = contentType ? arbitraryFor(content[contentType].schema, schemas) : fc.constant(undefined);
  const rows: fc.Arbitrary<unknown[]> = contentType === "application/x-ndjson" ? fc.array(body, { minLength: 1, maxLength: 3 }) : body.map((b) => [b]);
  const bodySchema = contentType ? resolve(content[contentType].schema, schemas) : undefined;

  return fc
    .record({ pathValues, query: record(inQuery), rows, mutation: fc.constantFrom(...(SHARED_POLICY.has(`${method} ${path}`) ? MUTATIONS.filter((m) => m !== "none") : MUTATIONS)), pick: fc.nat() })
    .map(({ pathValues, query, rows, mutation, pick }) => {
      const url =
        path.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(String(pathValues[name]))) +
        (Object.keys(query).length ? `?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}` : "");
      const [first, ...rest] = rows as unknown[];
      const broken = bodySchema ? mutate(first, bodySchema, mutation, pick) : first;
      const lines = [broken, ...rest].map((row) => JSON.stringify(row));
      const rawBody = contentType === undefined ? undefined : contentType === "application/json" ? lines[0] : lines.join("\n") + "\n";
      // Without a body, "a wrong type" breaks a numeric query parameter instead.
      const numeric = inQuery.find((p) => p.schema.type === "integer");
      const brokenUrl = !bodySchema && mutation === "a wrong type" && numeric ? `${url}${url.includes("?") ? "&" : "?"}${numeric.name}=many` : url;
      return { method, url: brokenUrl, contentType, rawBody, mutation };
    });
}

function mutate(value: unknown, schema: Schema, mutation: Mutation, pick: number): unknown {
  if (mutation === "not an object") return [value];
  if (mutation === "none" || typeof value !== "object" || value === null) return value;
  const copy: Record<string, unknown> = { ...value };
  if (mutation === "drop a required field") {
    const required: string[] = schema.required ?? [];
    if (required.length) delete copy[required[pick % required.length]!];
    return copy;
  }
  const keys = Object.keys(schema.properties ?? {});
  const key = keys[pick % keys.length]!;
  copy[key] = typeof copy[key] === "string" ? 12_345 : "not the right type";
  return copy;
}

describe.each(operations)("$method $path, requests generated from /openapi.json", ({ method, path, operation }) => {
  it(`never answers 5xx nor outside the document (${RUNS} requests, seed ${SEED})`, async () => {
    const counts: Record<number, number> = {};
    await fc.assert(
      fc.asyncProperty(requests(method, path, operation), async (sent) => {
        const response = await send(sent);
        const said = `${sent.method} ${sent.url} (${sent.mutation}) ${sent.rawBody ?? ""}\n→ ${response.status} ${JSON.stringify(response.body).slice(0, 2000)}`;
        counts[response.status] = (counts[response.status] ?? 0) + 1;
        expect(response.status, said).toBeLessThan(500);
        const declared = operation.responses[response.status] ?? operation.responses.default;
        expect(declared, `undeclared status: ${said}`).toBeDefined();
        for (const [name, header] of Object.entries(declared.headers ?? {}) as [string, { required?: boolean }][]) {
          if (header.required) expect(response.headers.get(name), `header ${name}: ${said}`).not.toBeNull();
        }
        const type = response.headers.get("Content-Type")?.split(";")[0];
        if (!declared.content) return;
        expect(Object.keys(declared.content), `Content-Type ${type}: ${said}`).toContain(type);
        if (type !== "application/json" && type !== "application/ld+json") return;
        const result = validatorFor(declared.content[type].schema).validate(response.body);
        expect(result.errors.map((e) => `${e.instanceLocation}: ${e.error}`), `body off its schema: ${said}`).toEqual([]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    console.log(`${method} ${path}: statuses ${JSON.stringify(counts)}`);
  });
});
