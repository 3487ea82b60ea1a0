/**
 * What a log line may say about an error: its name and message with anything quoted, and
 * anything shaped like an address or a phone number, taken out. The service's own messages
 * name no address, but a database's may quote the value it refused (PostgreSQL: `Key
 * (email)=(…)`, `invalid input syntax for type …: "…"`), and logs leave the country.
 */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const ours = error instanceof Error && OUR_ERRORS.has(error.name);
  return (ours ? text : text.replace(/\(([^()]*)\)=\([^()]*\)/g, "($1)=(…)").replace(/"[^"\n]*"|'[^'\n]*'/g, '"…"'))
    .replace(/[^\s@"'<>()]+@[^\s@"'<>()]+/g, "[address]")
    .replace(/\+?\d[\d ()-]{8,}\d/g, "[number]");
}

/** The service's own errors, whose quotes are examples of a setting's form, never a value given. */
const OUR_ERRORS = new Set(["ConfigError", "MailError", "ApiError", "ImportFileError", "WebhookSecretError"]);

/** One line of structured log; `error`, when given, is described by describeError. */
export function logError(fields: Record<string, unknown> & { error?: unknown }): void {
  const { error, ...rest } = fields;
  console.error(JSON.stringify(error === undefined ? rest : { ...rest, error: describeError(error) }));
}

/** One line of structured log about work done (ids and counts only, never an address). */
export function logInfo(fields: Record<string, unknown>): void {
  console.log(JSON.stringify(fields));
}
