import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { krippendorffAlpha } from "./krippendorff.ts";

/**
 * The worked example of K. Krippendorff, "Computing Krippendorff's Alpha-Reliability" (University of
 * Pennsylvania, 2011; https://repository.upenn.edu/asc_papers/43), section C: four observers, twelve
 * units, values 1–5, with missing values. Published results: nominal 0.743, ordinal 0.815,
 * interval 0.849. Rows here are units, columns observers A–D (null = not coded).
 */
const published: (number | null)[][] = [
  [1, 1, null, 1],
  [2, 2, 3, 2],
  [3, 3, 3, 3],
  [3, 3, 3, 3],
  [2, 2, 2, 2],
  [1, 2, 3, 4],
  [4, 4, 4, 4],
  [1, 1, 2, 1],
  [2, 2, 2, 2],
  [null, 5, 5, 5],
  [null, null, 1, 1],
  [null, 3, null, null],
];

const round3 = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 1000);

describe("krippendorffAlpha", () => {
  it("reproduces the published worked example (interval 0.849)", () => {
    assert.equal(round3(krippendorffAlpha(published)), 0.849);
    assert.equal(round3(krippendorffAlpha(published, "interval")), 0.849);
  });

  it("reproduces the published worked example (nominal 0.743, ordinal 0.815)", () => {
    assert.equal(round3(krippendorffAlpha(published, "nominal")), 0.743);
    assert.equal(round3(krippendorffAlpha(published, "ordinal")), 0.815);
  });

  it("is 1 for perfect agreement across different values", () => {
    assert.equal(
      krippendorffAlpha([
        [1, 1, 1],
        [3, 3, 3],
        [0.5, 0.5, null],
      ]),
      1,
    );
  });

  it("ignores units with fewer than two values", () => {
    const withLoners = [...published, [5, null, null, null], [null, null, null, null]];
    assert.equal(krippendorffAlpha(withLoners), krippendorffAlpha(published));
  });

  it("is undefined (null) without pairable values or without expected disagreement", () => {
    assert.equal(krippendorffAlpha([]), null);
    assert.equal(
      krippendorffAlpha([
        [1, null],
        [null, 2],
      ]),
      null,
    );
    assert.equal(
      krippendorffAlpha([
        [2, 2],
        [2, 2, 2],
      ]),
      null,
    );
  });

  it("matches a hand computation for two coders on two units", () => {
    // Units (0, 1) and (1, 1): coincidences o01 = o10 = 1, o11 = 2; n0 = 1, n1 = 3, n = 4.
    // Do = (1·1 + 1·1) / 4 = 0.5; De = 2·1·3·1 / (4·3) = 0.5 → alpha = 0.
    assert.equal(
      krippendorffAlpha([
        [0, 1],
        [1, 1],
      ]),
      0,
    );
    // Units (0, 0) and (1, 1): Do = 0 → alpha = 1.
    assert.equal(
      krippendorffAlpha([
        [0, 0],
        [1, 1],
      ]),
      1,
    );
  });
});
