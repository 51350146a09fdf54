import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

// The ICU parser that react-intl itself uses (its own nested copy), found from react-intl's location.
const require = createRequire(import.meta.url);
const parserPath = createRequire(require.resolve("react-intl")).resolve("@formatjs/icu-messageformat-parser");
const { parse } = (await import(pathToFileURL(parserPath).href)) as {
  parse: (message: string) => unknown;
};

/**
 * Compiles the message catalogues (web/src/i18n/*.json) to ICU syntax trees at build time, so the
 * browser bundle can leave the ICU parser out (aliased to its "no-parser" build below). A malformed
 * message fails the build instead of showing up as a runtime error.
 */
function precompileMessages(): Plugin {
  return {
    name: "kaja:precompile-messages",
    enforce: "pre",
    transform(code, id) {
      // Only the admin app's own catalogues: the survey texts it loads from src/i18n/survey stay plain strings.
      if (!/[\\/]web[\\/]src[\\/]i18n[\\/]([a-z-]+[\\/])?[a-z]{2}\.json$/.test(id)) return null;
      const messages = JSON.parse(code) as Record<string, string>;
      const compiled = Object.fromEntries(Object.entries(messages).map(([key, text]) => [key, parse(text)]));
      return { code: JSON.stringify(compiled), map: null };
    },
  };
}

/** The admin app is served by the Kaja server from web/dist under /app/. */
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/app/",
  plugins: [precompileMessages(), react()],
  resolve: {
    alias: [
      {
        find: /^@formatjs\/icu-messageformat-parser$/,
        replacement: path.join(path.dirname(parserPath), "no-parser.js"),
      },
    ],
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    reportCompressedSize: true,
  },
  server: {
    // During development the API runs on the Kaja server.
    proxy: { "/api": "http://localhost:3000" },
  },
});
