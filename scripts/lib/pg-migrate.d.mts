export const pgMigrationsDir: string;
export function migratePostgres(connectionString: string, options?: { dir?: string }): Promise<string[]>;
