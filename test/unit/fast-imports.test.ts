import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { ROOT } from "../helpers/process.ts";

// The start-up's resolve hook must answer exactly as Node would: a child process imports the whole server
// with a hook that asks both (the quick answer and Node's own) for every import and reports any difference.
const CHECK = `
import { registerHooks } from "node:module";
const { resolveQuickly } = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, "src/fast-imports.ts")).href)});
let quick = 0, total = 0;
const differences = [];
registerHooks({
  resolve(specifier, context, next) {
    total++;
    let asked = false;
    const answer = resolveQuickly(specifier, context, (s, c) => { asked = true; return next(s, c); });
    const node = next(specifier, context);
    if (!asked) quick++;
    if (answer.url !== node.url || (answer.format ?? null) !== (node.format ?? null))
      differences.push({ specifier, parent: context.parentURL, answer, node });
    return node;
  },
});
await import(${JSON.stringify(pathToFileURL(path.join(ROOT, "src/server.ts")).href)});
console.log(JSON.stringify({ quick, total, differences }));
process.exit(0);
`;

describe("quick module resolution at start", () => {
  it("resolves every import of the server as Node does, most of them without Node's resolver", () => {
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", CHECK], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, NODE_OPTIONS: "", NODE_TEST_CONTEXT: "" },
    });
    assert.equal(child.status, 0, child.stderr);
    const result = JSON.parse(child.stdout.trim().split("\n").at(-1) ?? "{}") as {
      quick: number;
      total: number;
      differences: unknown[];
    };
    assert.deepEqual(result.differences, []);
    assert.ok(result.quick > result.total / 2, `${result.quick} of ${result.total} answered quickly`);
  });
});
