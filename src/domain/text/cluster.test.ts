import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { clusterDocuments } from "./cluster.ts";

const doc = (id: string, text: string) => ({ id, stems: text.split(" ") });

describe("clustering comments without a theme", () => {
  const docs = [
    doc("p1", "parkla täis parkimine raske"),
    doc("p2", "parkimine tasuline parkla kaugel"),
    doc("p3", "parkla väike parkimine võimatu"),
    doc("p4", "parkimine parkla täis"),
    doc("k1", "kohv automaat katki kohv"),
    doc("k2", "kohv automaat ei tööta"),
    doc("k3", "kohv külm automaat"),
  ];

  it("separates two topics and names each by its heaviest words", () => {
    const clusters = clusterDocuments(docs, 5);
    assert.equal(clusters.length, 2);
    assert.deepEqual([...clusters[0].ids].sort(), ["p1", "p2", "p3", "p4"]);
    assert.deepEqual([...clusters[1].ids].sort(), ["k1", "k2", "k3"]);
    assert.ok(clusters[0].topStems.slice(0, 2).every((s) => s === "parkla" || s === "parkimine"));
    assert.ok(clusters[1].topStems.slice(0, 2).every((s) => s === "kohv" || s === "automaat"));
  });

  it("gives the same clusters for the same comments", () => {
    assert.deepEqual(clusterDocuments(docs, 5), clusterDocuments(docs, 5));
  });

  it("leaves out groups below the minimum size", () => {
    assert.deepEqual(clusterDocuments(docs.slice(0, 2), 5), []);
  });
});
