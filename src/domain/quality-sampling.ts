/** A contact that may be proposed for evaluation. */
export interface SamplingCandidate {
  id: string;
  durationSeconds?: number | null;
}

/** Length stratum of a contact: terciles of the candidates' durations. */
export type LengthStratum = "short" | "medium" | "long";

/** A proposed contact with the stratum it was drawn from (null when its length is unknown). */
export interface SampledContact {
  id: string;
  durationSeconds: number | null;
  stratum: LengthStratum | null;
}

export interface SampleContactsOptions {
  /** Any string; the same seed and candidates always give the same picks (e.g. "org:employee:2026-03"). */
  seed: string;
  /** How many contacts to propose. */
  quota: number;
}

/** FNV-1a 32-bit hash of a string. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** One draw of mulberry32 seeded with `seed`: a well-mixed number in [0, 1). */
function mulberry32(seed: number): number {
  let t = (seed + 0x6d2b79f5) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** Random but reproducible rank of a candidate: depends only on the seed and its id, never on list order. */
const rank = (seed: string, id: string) => mulberry32(fnv1a(`${seed}\u0000${id}`));

const hasDuration = (
  candidate: SamplingCandidate,
): candidate is SamplingCandidate & { durationSeconds: number } =>
  typeof candidate.durationSeconds === "number" && Number.isFinite(candidate.durationSeconds);

/**
 * Proposes `quota` contacts at random, reproducibly. When durations are known the candidates are
 * split into length terciles and drawn in turn short → medium → long, so even three picks differ
 * in length (SKA: at least 3 calls of different lengths per employee monthly); contacts of unknown
 * length come after. Duplicate ids count once.
 */
export function sampleContacts(
  candidates: readonly SamplingCandidate[],
  { seed, quota }: SampleContactsOptions,
): SampledContact[] {
  const unique = [...new Map(candidates.map((candidate) => [candidate.id, candidate])).values()];
  const byRank = (a: SamplingCandidate, b: SamplingCandidate) =>
    rank(seed, a.id) - rank(seed, b.id) || a.id.localeCompare(b.id);
  const timed = unique
    .filter(hasDuration)
    .sort((a, b) => a.durationSeconds - b.durationSeconds || a.id.localeCompare(b.id));
  const strata: Record<LengthStratum, SampledContact[]> = { short: [], medium: [], long: [] };
  const names: LengthStratum[] = ["short", "medium", "long"];
  timed.forEach((candidate, i) => {
    const stratum = names[Math.floor((i * 3) / timed.length)];
    strata[stratum].push({ id: candidate.id, durationSeconds: candidate.durationSeconds, stratum });
  });
  for (const name of names) strata[name].sort(byRank);
  const picks: SampledContact[] = [];
  const limit = Math.max(0, Math.floor(quota));
  for (let round = 0; picks.length < limit && names.some((name) => strata[name].length > round); round++) {
    for (const name of names) {
      const next = strata[name][round];
      if (next && picks.length < limit) picks.push(next);
    }
  }
  const untimed = unique.filter((candidate) => !hasDuration(candidate)).sort(byRank);
  for (const candidate of untimed) {
    if (picks.length >= limit) break;
    picks.push({ id: candidate.id, durationSeconds: null, stratum: null });
  }
  return picks;
}
