/**
 * FNV-1a 32-bit hashing. Used for feature hashing, held-out splits and cluster ids, so it must
 * never change without retraining the models (their weights are indexed by these hashes).
 */
export const FNV_OFFSET = 0x811c9dc5;

/** Hash of `s`, continuing from `seed` (so namespaces cost nothing: pass a different seed). */
export function fnv1a(s: string, seed: number = FNV_OFFSET): number {
  // Each step folds in one UTF-16 code unit. Stepped as int32 (V8 keeps it an integer; unsigned values
  // above 2^31 would be doubles) and made unsigned once at the end: the same 32 bits throughout.
  let h = seed | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A short stable hex id, e.g. for cluster ids. */
export function hashHex(s: string): string {
  return fnv1a(s).toString(16).padStart(8, '0');
}
