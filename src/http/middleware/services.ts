import { createMiddleware } from "hono/factory";
import { ConfigError, readConfig } from "../../config";
import { createStore } from "../../store";
import type { AppEnv } from "../context";
import { ApiError } from "../errors";

/** Builds this request's configuration and store from c.env. Unusable configuration fails closed. */
export const services = createMiddleware<AppEnv>(async (c, next) => {
  let config;
  try {
    config = readConfig(c.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(JSON.stringify({ requestId: c.var.requestId, error: error.message }));
    throw new ApiError("service_misconfigured", "The service is not configured correctly.");
  }
  c.set("config", config);
  c.set("store", createStore(c.env.DB, config.addressHashKey));
  await next();
});
