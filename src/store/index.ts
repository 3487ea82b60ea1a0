import { AddressHasher } from "../crypto/address-hash";
import { D1Store } from "./d1-store";
import type { Store } from "./types";

/** The store for one request. The only place that knows which database is behind it. */
export function createStore(db: D1Database, addressHashKey: string): Store {
  return new D1Store(db, new AddressHasher(addressHashKey));
}

export type * from "./types";
export type * from "./import-types";
// re-exported until callers import from consent/types
export type * from "../consent/types";
