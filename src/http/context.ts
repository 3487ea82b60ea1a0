import type { Config } from "../config";
import type { Bindings } from "../env";
import type { Services } from "../flows/services";
import type { Store } from "../store";
import type { Principal } from "./auth";

/** Typed bindings and per-request variables for every route. */
export interface AppEnv {
  Bindings: Bindings;
  Variables: {
    requestId: string;
    /** What the flows work with; config and store are the same objects, for the edge's own use (auth, errors). */
    services: Services;
    config: Config;
    store: Store;
    principal: Principal;
  };
}
