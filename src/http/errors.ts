import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ZodError } from "zod";
import { ConfigError } from "../config";
import { ImportFileError } from "../import/upload";
import { logError } from "../log";

/** Every error code /v1 and the webhooks answer with, and its status. The set is closed and documented. */
export const ERROR_STATUS = {
  invalid_request: 400,
  invalid_json: 400,
  unauthorized: 401,
  invalid_signature: 401, // a webhook's signature is missing or does not verify
  invalid_timestamp: 401, // a webhook's signed timestamp is more than 5 minutes from now
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405, // a known path, another method: the Allow header lists the ones it takes
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  service_misconfigured: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** One problem with one field of the input: where it is (as a path) and what is wrong. */
export interface Issue {
  path: (string | number)[];
  message: string;
}

export class ApiError extends HTTPException {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: Issue[],
    readonly headers?: Record<string, string>,
  ) {
    super(ERROR_STATUS[code], { message });
  }
}

/** At most this many issues are listed: a 10,000-recipient body can be wrong everywhere. */
const MAX_ISSUES = 100;

export function invalidRequest(issues: Issue[], message = "The request is not valid."): ApiError {
  return new ApiError("invalid_request", message, issues.slice(0, MAX_ISSUES));
}

export function fromZodError(error: ZodError): ApiError {
  return invalidRequest(error.issues.map((issue) => ({ path: issue.path.map(pathPart), message: issue.message })));
}

function pathPart(part: PropertyKey): string | number {
  return typeof part === "number" ? part : String(part);
}

export function errorBody(c: Context, code: ErrorCode, message: string, issues?: Issue[]) {
  return { error: { code, message, requestId: c.get("requestId") as string, ...(issues ? { issues } : {}) } };
}

/** Turns anything thrown into the one error body; a 500 is logged and says nothing more. */
export function toErrorResponse(error: unknown, c: Context): Response {
  const apiError = toApiError(error);
  if (apiError.status >= 500) {
    logError({ requestId: c.get("requestId"), error });
  }
  const body = errorBody(c, apiError.code, apiError.message, apiError.issues);
  return c.json(body, apiError.status as ContentfulStatusCode, apiError.headers);
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  // Names the setting and what is wrong with it (no secret), so that an operator can tell what to fix.
  if (error instanceof ConfigError) return new ApiError("service_misconfigured", `The service is not configured correctly: ${error.message}.`);
  if (error instanceof ImportFileError) return new ApiError(error.code, error.message, error.issues);
  if (error instanceof HTTPException) {
    if (error.status === 400 && error.message.startsWith("Malformed JSON")) {
      return new ApiError("invalid_json", "The request body is not valid JSON.");
    }
    const code = (Object.keys(ERROR_STATUS) as ErrorCode[]).find((key) => ERROR_STATUS[key] === error.status);
    if (code) return new ApiError(code, error.message || code);
  }
  return new ApiError("internal_error", "Something went wrong on our side.");
}

