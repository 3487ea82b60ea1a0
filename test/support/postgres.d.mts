export function postgresBinDir(): string | undefined;
export function postgresMissing(): string | undefined;
export interface PostgresServer {
  port: number;
  url(database: string): string;
  createDatabase(name: string, template?: string): Promise<string>;
  stop(): Promise<void>;
}
export function startPostgres(): Promise<PostgresServer>;
