import { AddressHasher } from "../crypto/address-hash";
import { createD1Store } from "./d1";
import { createPgStore } from "./pg";
import type { Store } from "./types";

/** What choosing the store looks at: a Hyperdrive binding means PostgreSQL (issue 10). */
export interface StoreBindings {
  DB: D1Database;
  HYPERDRIVE?: Hyperdrive;
}

/**
 * The store for one request: PostgreSQL through Hyperdrive when the binding is there (the
 * centre's deployment, data in Kazakhstan), D1 otherwise (the embedded default). The only
 * place that knows which; both implement one contract (./types.ts), twin by twin in
 * src/store/d1 and src/store/pg.
 */
export function createStore(bindings: StoreBindings, addressHashKey: string): Store {
  const hasher = new AddressHasher(addressHashKey);
  return bindings.HYPERDRIVE ? createPgStore(bindings.HYPERDRIVE.connectionString, hasher) : createD1Store(bindings.DB, hasher);
}

export type * from "./types";
export type * from "./import-types";
export type * from "./campaign-types";
export type * from "./webhook-endpoint-types";
