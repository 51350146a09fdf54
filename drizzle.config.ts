import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: [
    "./src/db/schema.ts",
    "./src/modules/followup/schema.ts",
    "./src/modules/group/schema.ts",
    "./src/modules/identity/schema.ts",
    "./src/modules/quality/schema.ts",
    "./src/modules/quality/calibration-schema.ts",
    "./src/modules/themes/schema.ts",
    "./src/modules/kpi/schema.ts",
    "./src/modules/privacy/schema.ts",
  ],
  out: "./drizzle",
  migrations: { prefix: "timestamp" },
});
