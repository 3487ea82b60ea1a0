import type { Hono } from "hono";

/**
 * The methods each known path answers, read off the app's own routes once: a request to a
 * known path with another method gets 405 and an Allow header (RFC 9110 §15.5.6), not 404.
 * Middleware (method ALL) and catch-all paths name no method of their own.
 */
export function allowedMethods(app: Pick<Hono, "routes">): (path: string) => string[] {
  const byPattern = new Map<string, Set<string>>();
  for (const { method, path } of app.routes) {
    if (method === "ALL" || path.includes("*")) continue;
    const methods = byPattern.get(path) ?? new Set<string>();
    methods.add(method);
    if (method === "GET") methods.add("HEAD");
    byPattern.set(path, methods);
  }
  const patterns = [...byPattern].map(([path, methods]) => ({ regex: patternOf(path), methods: [...methods].sort() }));
  return (path) => [...new Set(patterns.filter((p) => p.regex.test(path)).flatMap((p) => p.methods))].sort();
}

/** "/v1/contacts/:id" (Hono) or "/v1/contacts/{id}" (OpenAPI) as a regular expression over a path. */
function patternOf(path: string): RegExp {
  const escaped = path
    .split("/")
    .map((segment) => (/^(:\w+|\{\w+\})$/.test(segment) ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  return new RegExp(`^${escaped}/?$`);
}
