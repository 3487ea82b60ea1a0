// npm run db:sql: prints the SQL that creates prisma/schema.prisma's tables and indexes,
// to write a new migration from (compare it with the migrations so far).
import { schemaToSql } from "./lib/schema-sql.mjs";

process.stdout.write(await schemaToSql());
