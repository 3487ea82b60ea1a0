import { createMiddleware } from "hono/factory";
import { readConfig } from "../../config";
import { createStore } from "../../store";
import type { AppEnv } from "../context";

/**
 * Builds this request's configuration and store from c.env. An unusable required setting
 * fails every request closed (503, src/http/errors.ts); an optional one, only those that read it.
 */
export const services = createMiddleware<AppEnv>(async (c, next) => {
  const config = readConfig(c.env);
  c.set("config", config);
  c.set("store", createStore(c.env.DB, config.addressHashKey));
  await next();
});
