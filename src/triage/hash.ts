/**
 * FNV-1a 32-bit hashing. Used for feature hashing, held-out splits and cluster ids, so it must
 * never change without retraining the models (their weights are indexed by these hashes).
 */
export const FNV_OFFSET = 0x811c9dc5;

/** One FNV-1a step: folds a UTF-16 code unit into the running hash. */
export function fnvStep(h: number, code: number): number {
  return Math.imul(h ^ code, 0x01000193) >>> 0;
}

/** Hash of `s`, continuing from `seed` (so namespaces cost nothing: pass a different seed). */
export function fnv1a(s: string, seed: number = FNV_OFFSET): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) h = fnvStep(h, s.charCodeAt(i));
  return h;
}

/** A short stable hex id, e.g. for cluster ids. */
export function hashHex(s: string): string {
  return fnv1a(s).toString(16).padStart(8, '0');
}
