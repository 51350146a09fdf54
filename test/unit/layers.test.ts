import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

// Pages, e-mails, pure domain code and the schema sit below the modules: they share types and helpers through
// src/domain, so a module can change its internals without breaking what renders its data.

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../src");

function importsOf(dir: string): { file: string; spec: string }[] {
  return readdirSync(path.join(src, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .flatMap((f) => {
      const file = path.join(dir, f);
      const text = readFileSync(path.join(src, file), "utf8");
      return [...text.matchAll(/from\s+"([^"]+)"/g)].map((m) => ({ file, spec: m[1] }));
    });
}

describe("layers", () => {
  for (const dir of ["views", "emails", "domain", "db"]) {
    it(`src/${dir} imports nothing from src/modules`, () => {
      const found = importsOf(dir)
        .filter(({ file, spec }) =>
          path.resolve(src, path.dirname(file), spec).startsWith(path.join(src, "modules") + path.sep),
        )
        .map(({ file, spec }) => `${file}: ${spec}`);
      assert.deepEqual(found, []);
    });
  }
});
