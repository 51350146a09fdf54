// Suggesting themes: comments that match no theme are grouped by their words. Each comment becomes a TF-IDF
// vector over word stems (stop words and one-letter words left out), normalised to length 1; spherical k-means
// (cosine similarity) with a seeded k-means++ start groups them, so the same comments give the same clusters.

export interface TClusterInput {
  id: string;
  stems: string[];
}

export interface TCluster {
  /** Members, closest to the centre first. */
  ids: string[];
  /** The stems that weigh most in the centre. */
  topStems: string[];
}

type Vector = Map<string, number>;

function tfidf(docs: TClusterInput[]): Vector[] {
  const df = new Map<string, number>();
  for (const d of docs) for (const s of new Set(d.stems)) df.set(s, (df.get(s) ?? 0) + 1);
  return docs.map((d) => {
    const v: Vector = new Map();
    for (const s of d.stems) if ((df.get(s) ?? 0) > 1) v.set(s, (v.get(s) ?? 0) + 1);
    for (const [s, tf] of v) v.set(s, tf * Math.log(docs.length / (df.get(s) ?? 1)));
    return normalise(v);
  });
}

function normalise(v: Vector): Vector {
  const norm = Math.sqrt([...v.values()].reduce((a, x) => a + x * x, 0));
  if (norm > 0) for (const [k, x] of v) v.set(k, x / norm);
  return v;
}

function dot(a: Vector, b: Vector): number {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [k, x] of small) sum += x * (large.get(k) ?? 0);
  return sum;
}

/** A small deterministic random generator (mulberry32), so clusters do not change between runs. */
function random(seed: number) {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

function seedCentres(vectors: Vector[], k: number, rnd: () => number): Vector[] {
  const centres = [vectors[Math.floor(rnd() * vectors.length)]];
  while (centres.length < k) {
    const distances = vectors.map((v) => 1 - Math.max(...centres.map((c) => dot(v, c))));
    const total = distances.reduce((a, b) => a + b, 0);
    if (total <= 0) break;
    const pick = rnd() * total;
    let index = 0;
    for (
      let running = distances[0];
      running < pick && index < vectors.length - 1;
      running += distances[index]
    )
      index++;
    centres.push(vectors[index]);
  }
  return centres;
}

function centreOf(members: Vector[]): Vector {
  const c: Vector = new Map();
  for (const v of members) for (const [k, x] of v) c.set(k, (c.get(k) ?? 0) + x);
  return normalise(c);
}

const ITERATIONS = 20;

/** Groups documents into at most `k` clusters of at least `minSize` members, largest first. */
export function clusterDocuments(
  docs: TClusterInput[],
  k: number,
  { minSize = 3, seed = 1 } = {},
): TCluster[] {
  const vectors = tfidf(docs);
  const usable = vectors.map((v, i) => ({ v, i })).filter((x) => x.v.size > 0);
  if (usable.length < minSize) return [];
  // No more clusters than could each reach the minimum size.
  const clusters = Math.max(1, Math.min(k, Math.floor(usable.length / minSize)));
  let centres = seedCentres(
    usable.map((x) => x.v),
    clusters,
    random(seed),
  );
  let assignment: number[] = [];
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    const next = usable.map(({ v }) => {
      const similarities = centres.map((c) => dot(v, c));
      return similarities.indexOf(Math.max(...similarities));
    });
    if (next.every((a, i) => a === assignment[i])) break;
    assignment = next;
    centres = centres.map((c, ci) => {
      const members = usable.filter((_, i) => assignment[i] === ci).map((x) => x.v);
      return members.length ? centreOf(members) : c;
    });
  }
  return centres
    .map((centre, ci) => {
      const members = usable
        .map((x, i) => ({ ...x, a: assignment[i], sim: dot(x.v, centre) }))
        .filter((x) => x.a === ci)
        .sort((a, b) => b.sim - a.sim);
      const topStems = [...centre.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([s]) => s);
      return { ids: members.map((m) => docs[m.i].id), topStems };
    })
    .filter((c) => c.ids.length >= minSize)
    .sort((a, b) => b.ids.length - a.ids.length);
}
