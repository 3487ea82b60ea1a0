import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context";
import { ApiError } from "../errors";

const KiB = 1024;
/** 10,000 recipients of up to ~250 characters each, with room to spare. */
const SEND_CHECK_LIMIT = 4096 * KiB;
/** A campaign: 100,000 recipients and its html and text in three languages. */
const CAMPAIGN_LIMIT = 16384 * KiB;
const DEFAULT_LIMIT = 64 * KiB;

const tooLarge = () => {
  throw new ApiError("payload_too_large", "The request body is too large.");
};
const sendCheckLimit = bodyLimit({ maxSize: SEND_CHECK_LIMIT, onError: tooLarge });
const campaignLimit = bodyLimit({ maxSize: CAMPAIGN_LIMIT, onError: tooLarge });
const defaultLimit = bodyLimit({ maxSize: DEFAULT_LIMIT, onError: tooLarge });

/** /v1 bodies are JSON and bounded in size. */
export const jsonBodies = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.method === "GET" || c.req.method === "HEAD" || c.req.method === "DELETE") return next();
  // An import streams its own body: NDJSON or CSV, up to 64 MiB (src/import/upload.ts).
  if (c.req.path === "/v1/imports") return next();
  // No body, no media type to refuse: a POST that takes none (a cancel) goes on, and one that
  // needs a body fails its validation with 400.
  if (c.req.raw.body === null && !c.req.header("Content-Type")) return next();
  if (mediaTypeOf(c) !== "application/json") {
    throw new ApiError("unsupported_media_type", "Send the body as application/json.");
  }
  const limit = c.req.path === "/v1/send-checks" ? sendCheckLimit : c.req.path === "/v1/campaigns" ? campaignLimit : defaultLimit;
  return limit(c, next);
});

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/** Page buttons post forms; JSON, text or no body is a script, not a person pressing one. */
export const formBodies = createMiddleware<AppEnv>(async (c, next) => {
  if (!FORM_TYPES.includes(mediaTypeOf(c))) {
    throw new ApiError("unsupported_media_type", "Send the form as application/x-www-form-urlencoded or multipart/form-data.");
  }
  await next();
});

/** The request's media type without parameters, in lower case; "" when there is none. */
export function mediaTypeOf(c: Context): string {
  return c.req.header("Content-Type")?.split(";")[0]?.trim().toLowerCase() ?? "";
}
