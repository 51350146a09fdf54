import { assertCount, DomainError } from "./errors.ts";

/** A KPI value in its unit (% or minutes) and whether it meets the target; null when there is nothing to measure. */
export interface KpiResult {
  value: number;
  target: number;
  meetsTarget: boolean;
}

function share(part: number, whole: number, partName: string, wholeName: string): number | null {
  assertCount(part, partName);
  assertCount(whole, wholeName);
  if (part > whole) {
    throw new DomainError("INVALID_INPUT", `${partName} (${part}) cannot exceed ${wholeName} (${whole})`, [
      { path: partName, message: `must not exceed ${wholeName}` },
    ]);
  }
  // Multiply first: 399 * 100 / 500 is exactly 79.8, while 399 / 500 * 100 is 79.80000000000001.
  return whole === 0 ? null : (part * 100) / whole;
}

function atLeast(value: number | null, target: number): KpiResult | null {
  return value === null ? null : { value, target, meetsTarget: value >= target };
}

/** Service level: calls answered within 20 s as a share of all arriving calls; SKA target ≥ 80 %. */
export function serviceLevel(
  { arrived, answeredWithin20s }: { arrived: number; answeredWithin20s: number },
  target = 80,
): KpiResult | null {
  return atLeast(share(answeredWithin20s, arrived, "answeredWithin20s", "arrived"), target);
}

/** Answer rate: answered / arrived calls; SKA target ≥ 90 %. */
export function answerRate(
  { arrived, answered }: { arrived: number; answered: number },
  target = 90,
): KpiResult | null {
  return atLeast(share(answered, arrived, "answered", "arrived"), target);
}

/**
 * First-contact resolution: answered calls resolved at the first contact. SKA's benchmark is 70–75 %; reaching the
 * lower end counts as meeting it.
 */
export function firstContactResolution(
  { answered, resolvedAtFirstContact }: { answered: number; resolvedAtFirstContact: number },
  target = 70,
): KpiResult | null {
  return atLeast(share(resolvedAtFirstContact, answered, "resolvedAtFirstContact", "answered"), target);
}

/** Minutes from taking a queue ticket to reaching the counter. */
export function waitMinutes(ticketAt: Date, calledAt: Date): number {
  const minutes = (calledAt.getTime() - ticketAt.getTime()) / 60_000;
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new DomainError("INVALID_INPUT", "a ticket cannot be called before it was taken", [
      { path: "calledAt", message: "must not be before ticketAt" },
    ]);
  }
  return minutes;
}

/** Average queue wait of one day in minutes; SKA target ≤ 30 min. Null when nobody queued. */
export function averageQueueWait(waits: readonly number[], target = 30): KpiResult | null {
  waits.forEach((wait, i) => {
    if (!Number.isFinite(wait) || wait < 0) {
      throw new DomainError("INVALID_INPUT", `waits[${i}] must be minutes ≥ 0, got ${wait}`, [
        { path: `waits[${i}]`, message: "must be minutes ≥ 0" },
      ]);
    }
  });
  if (waits.length === 0) return null;
  const value = waits.reduce((a, b) => a + b, 0) / waits.length;
  return { value, target, meetsTarget: value <= target };
}
