import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

// Import cycles, type-only ones included, tie files together so that neither can move or change alone; a
// type both sides need belongs to the file that owns it or to a types file.

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../src");

function graph(): Map<string, string[]> {
  const files = readdirSync(src, { recursive: true, encoding: "utf8" }).filter(
    (f) => f.endsWith(".ts") && !f.endsWith(".test.ts"),
  );
  return new Map(
    files.map((f) => {
      const text = readFileSync(path.join(src, f), "utf8");
      const targets = [...text.matchAll(/(?:from|import)\s+"(\.{1,2}\/[^"]+\.ts)"/g)].map((m) =>
        path.join(path.dirname(f), m[1]),
      );
      return [f, targets];
    }),
  );
}

/** Every cycle found by a depth-first walk, each as the files along it. */
function cycles(edges: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const trail: string[] = [];
  const visit = (f: string) => {
    const at = trail.indexOf(f);
    if (at >= 0) return void found.push([...trail.slice(at), f]);
    if (done.has(f)) return;
    trail.push(f);
    for (const to of edges.get(f) ?? []) visit(to);
    trail.pop();
    done.add(f);
  };
  for (const f of edges.keys()) visit(f);
  return found;
}

describe("imports", () => {
  it("form no cycle in src", () => {
    assert.deepEqual(
      cycles(graph()).map((c) => c.join(" → ")),
      [],
    );
  });
});
