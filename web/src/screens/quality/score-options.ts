/**
 * The values offered for a criterion: half steps when the maximum is 0.5 or 1, whole points up to 10, else a
 * number input (null) for any other maximum (0.3, 2.5, 7.25, 20 …).
 */
export function scoreOptions(max: number): number[] | null {
  if (max === 0.5 || max === 1) return Array.from({ length: max * 2 + 1 }, (_, i) => i / 2);
  if (Number.isInteger(max) && max <= 10) return Array.from({ length: max + 1 }, (_, i) => i);
  return null;
}
