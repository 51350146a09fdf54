import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

// A cheap guard on the convention that every tenant query goes through `inOrg` (src/db/scope.ts) and every
// query across tenants sits in a function named `unsafe…`: it reads the sources, so a new hand-written
// tenant filter fails here before review has to spot it.

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../src");

function sources(): { file: string; text: string }[] {
  return readdirSync(src, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .map((f) => ({ file: f, text: readFileSync(path.join(src, f), "utf8") }));
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split("\n").length;
}

describe("tenant scope", () => {
  it("filters on an org_id column only through inOrg", () => {
    const found = sources()
      .filter(({ file }) => file !== path.join("db", "scope.ts"))
      .flatMap(({ file, text }) =>
        [...text.matchAll(/\beq\(\s*\w+\.orgId\s*,/g)].map((m) => `${file}:${lineOf(text, m.index)}`),
      );
    assert.deepEqual(found, [], "use inOrg(table, orgId, …) from src/db/scope.ts");
  });

  it("keeps optional organisation filters (queries across tenants) in functions named unsafe…", () => {
    const found = sources().flatMap(({ file, text }) => {
      const lines = text.split("\n");
      return lines.flatMap((line, i) => {
        if (!/\borgId\s*\?\s*sql`/.test(line)) return [];
        const owner = lines
          .slice(0, i + 1)
          .reverse()
          .map((l) => /^(?:export )?(?:async )?function (\w+)/.exec(l)?.[1])
          .find(Boolean);
        return owner?.startsWith("unsafe") ? [] : [`${file}:${i + 1} in ${owner ?? "(top level)"}`];
      });
    });
    assert.deepEqual(found, [], "a query that may cross tenants belongs in a function named unsafe…");
  });
});
