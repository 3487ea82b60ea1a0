export const schemaPath: string;
export function schemaToSql(): Promise<string>;
