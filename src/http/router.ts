import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./context";
import { fromZodError } from "./errors";

/** A router whose validation failures become the one /v1 error body (400, with field paths). */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw fromZodError(result.error);
    },
  });
}

export const bearerAuth = [{ bearerAuth: [] }];
