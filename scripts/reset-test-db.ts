// Empties the PostgreSQL test database given as DATABASE_URL so CI runs migrations from scratch.
import pg from "pg";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is required");
  process.exit(2);
}
const client = new pg.Client({ connectionString: url });
await client.connect();
await client.query(
  "drop schema if exists drizzle cascade; drop schema if exists pgboss cascade; drop schema public cascade; create schema public;",
);
await client.end();
console.log("reset", url.replace(/\/\/[^@]*@/, "//"));
