/** The values offered for a criterion: half steps up to 1, whole points up to 10, else a number input (null). */
export function scoreOptions(max: number): number[] | null {
  if (max <= 1) return Array.from({ length: Math.round(max * 2) + 1 }, (_, i) => i / 2);
  if (Number.isInteger(max) && max <= 10) return Array.from({ length: max + 1 }, (_, i) => i);
  return null;
}
