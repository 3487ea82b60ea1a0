import type { Config } from "../config";
import type { Bindings } from "../env";
import type { Store } from "../store";
import type { Principal } from "./auth";

/** Typed bindings and per-request variables for every route. */
export interface AppEnv {
  Bindings: Bindings;
  Variables: {
    requestId: string;
    config: Config;
    store: Store;
    principal: Principal;
  };
}
