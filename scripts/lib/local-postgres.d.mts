export const HYPERDRIVE_BINDING: string;
export const HYPERDRIVE_URL_VARIABLE: string;
export function redactedUrl(url: string | URL): string;
export function databaseUrlProblem(text: string): string | undefined;
export function writePostgresConfig(configPath?: string): string;
