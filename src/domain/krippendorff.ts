/** Level of measurement: decides how far apart two values are (Krippendorff's δ² metric). */
export type AlphaLevel = "interval" | "ordinal" | "nominal";

type Coincidences = Map<number, Map<number, number>>;

/**
 * Coincidence matrix: every ordered pair of values within a pairable unit (two or more values)
 * counts 1 / (m_u − 1), so each pairable value contributes exactly 1 to the matrix total n.
 */
function coincidences(units: ReadonlyArray<ReadonlyArray<number | null>>): Coincidences {
  const matrix: Coincidences = new Map();
  for (const unit of units) {
    const values = unit.filter((value): value is number => value !== null && Number.isFinite(value));
    if (values.length < 2) continue;
    const weight = 1 / (values.length - 1);
    values.forEach((c, i) => {
      values.forEach((k, j) => {
        if (i === j) return;
        const row = matrix.get(c) ?? new Map<number, number>();
        row.set(k, (row.get(k) ?? 0) + weight);
        matrix.set(c, row);
      });
    });
  }
  return matrix;
}

/** The squared difference function δ²(c, k) for a level, given the marginal totals n_v. */
function metric(level: AlphaLevel, marginals: Map<number, number>): (c: number, k: number) => number {
  if (level === "nominal") return (c, k) => (c === k ? 0 : 1);
  if (level === "interval") return (c, k) => (c - k) ** 2;
  // Ordinal: the distance is the number of pairable values between c and k, halving the ends.
  const sorted = [...marginals.keys()].sort((a, b) => a - b);
  return (c, k) => {
    if (c === k) return 0;
    const [low, high] = c < k ? [c, k] : [k, c];
    let between = 0;
    for (const value of sorted) if (value >= low && value <= high) between += marginals.get(value) ?? 0;
    const ends = ((marginals.get(low) ?? 0) + (marginals.get(high) ?? 0)) / 2;
    return (between - ends) ** 2;
  };
}

/**
 * Krippendorff's alpha over a reliability data matrix given unit by unit: `units[u][coder]` is the
 * value that coder gave unit u, `null` when missing. Units with fewer than two values are not
 * pairable and are ignored. Returns null where alpha is undefined: no pairable values, or no
 * expected disagreement (every pairable value is the same).
 */
export function krippendorffAlpha(
  units: ReadonlyArray<ReadonlyArray<number | null>>,
  level: AlphaLevel = "interval",
): number | null {
  const matrix = coincidences(units);
  const marginals = new Map<number, number>();
  for (const [c, row] of matrix) {
    marginals.set(
      c,
      [...row.values()].reduce((sum, count) => sum + count, 0),
    );
  }
  const n = [...marginals.values()].reduce((sum, count) => sum + count, 0);
  if (n <= 1) return null;
  const delta = metric(level, marginals);
  let observed = 0;
  for (const [c, row] of matrix) for (const [k, count] of row) observed += count * delta(c, k);
  let expected = 0;
  for (const [c, nc] of marginals) for (const [k, nk] of marginals) expected += nc * nk * delta(c, k);
  const disagreementObserved = observed / n;
  const disagreementExpected = expected / (n * (n - 1));
  if (disagreementExpected === 0) return null;
  return 1 - disagreementObserved / disagreementExpected;
}
