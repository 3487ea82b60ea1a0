export const HYPERDRIVE_NAME: string;
export function hyperdriveCreateArgs(userArgs: string[]): string[];
export function productionHyperdriveId(configPath?: string): string;
export function hyperdriveProblems(config: {
  id?: string;
  caching?: { disabled?: boolean; max_age?: number; stale_while_revalidate?: number };
  origin?: { host?: string; service_id?: string };
  mtls?: { sslmode?: string };
}): string[];
