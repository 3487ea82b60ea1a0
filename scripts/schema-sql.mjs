// npm run db:sql: prints the SQL that creates prisma/schema.prisma's tables and indexes,
// to write a new migration from (compare it with the migrations so far). SQLite's by
// default; PostgreSQL's with DATABASE_URL set to a server the engine can talk to (it
// writes nothing there).
import { schemaToPostgresSql, schemaToSql } from "./lib/schema-sql.mjs";

const url = process.env.DATABASE_URL;
process.stdout.write(url ? await schemaToPostgresSql(url) : await schemaToSql());
