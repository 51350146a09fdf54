// After `npm install` / `npm ci`: builds the admin app, so `npm start` serves it without a third command, and
// the ready-made embedded database (src/db/template.ts), so a first start does not run initdb.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

if (!existsSync("web/vite.config.ts") || !existsSync("node_modules/vite")) {
  console.log("postinstall: admin app sources or vite missing, skipping the build");
} else {
  const r = spawnSync("npx", ["vite", "build", "--config", "web/vite.config.ts", "--logLevel", "warn"], {
    stdio: "inherit",
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// Optional: without the template a first start runs initdb and the migrations (seconds longer), nothing else.
try {
  const { writeTemplate } = await import("../src/db/template.ts");
  console.log(`postinstall: embedded database template written to ${await writeTemplate()}`);
} catch (err) {
  console.log(`postinstall: no embedded database template (a first start runs initdb): ${err}`);
}
