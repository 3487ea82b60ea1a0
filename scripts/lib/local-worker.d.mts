export interface LocalWorker {
  /** http://localhost:<port>, also the Worker's PUBLIC_BASE_URL */
  base: string;
  /** This run's ADMIN_API_KEY (every scope) */
  adminKey: string;
  /** Its local state (--persist-to), for wrangler d1 execute --local */
  persist: string;
  /** Stops wrangler dev and deletes its database and secrets. */
  stop(): Promise<void>;
}
export function startLocalWorker(): Promise<LocalWorker>;
export function freePort(): Promise<number>;
