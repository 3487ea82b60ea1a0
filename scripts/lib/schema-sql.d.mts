export const schemaPath: string;
export function schemaToSql(): Promise<string>;
export function schemaToPostgresSql(connectionString: string): Promise<string>;
