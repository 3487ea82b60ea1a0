import pg from "pg";
import { afterAll, inject } from "vitest";

// Each test file works in databases of its own on the run's server (test/support/postgres-setup.ts).

const provided = inject("postgres");

const clients: pg.Client[] = [];
afterAll(async () => {
  await Promise.all(clients.splice(0).map((c) => c.end()));
});

export function unique(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

/** Creates a database, empty or as a copy of the migrated template, and answers its URL. */
export async function createDatabase({ migrated }: { migrated: boolean }): Promise<string> {
  const name = unique("t");
  const admin = await connect(provided.admin);
  await admin.query(`CREATE DATABASE "${name}"${migrated ? ` TEMPLATE "${provided.template}"` : ""}`);
  const url = new URL(provided.admin);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A client closed after the file's tests. */
export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {}); // its socket closing after end() must not fail the run
  clients.push(client);
  await client.connect();
  return client;
}
