import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: ["./src/db/schema.ts", "./src/modules/followup/schema.ts", "./src/modules/quality/schema.ts"],
  out: "./drizzle",
  migrations: { prefix: "timestamp" },
});
