// Builds the admin app after `npm install` / `npm ci`, so `npm start` serves it without a third command.
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
