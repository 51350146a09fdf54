import { deepFreeze } from "../domain/deep-freeze.ts";

/**
 * Values read from a row, kept in this process under a key together with the row's stamp (its `xmin`, read with
 * the row or with whatever refers to it): a read that brings the same stamp is served from here, and any change
 * of the row changes its stamp, so every process reads a changed row again at its next look-up. At most `size`
 * keys; beyond that, the one kept longest ago goes. Kept values are frozen: every request shares them.
 */
export function stampedCache<T>(size: number) {
  const kept = new Map<string, { stamp: string; value: T }>();
  return {
    /** The value kept for `key`, if it was kept with `stamp`. */
    get(key: string, stamp: string): T | undefined {
      const k = kept.get(key);
      return k?.stamp === stamp ? k.value : undefined;
    },
    /** Keeps `value` (frozen) as read with `stamp`, and returns it. */
    set(key: string, stamp: string, value: T): T {
      kept.delete(key);
      if (kept.size >= size) kept.delete(kept.keys().next().value as string);
      const frozen = deepFreeze(value);
      kept.set(key, { stamp, value: frozen });
      return frozen;
    },
  };
}
