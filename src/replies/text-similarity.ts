import type { TLogger } from '../log.js';
import { similarity as cosine, type TEncoder } from '../triage/encoder/index.js';
import { cosine as wordCosine, words } from './word-similarity.js';

export type TSimilarityMethod = 'encoder' | 'words';

/** Scores one text against many; which method answered is part of the answer, so a ranking can say so. */
export interface TTextSimilarity {
  scores(query: string, texts: readonly string[]): Promise<{ method: TSimilarityMethod; scores: number[] }>;
  /** Settles once the encoder has loaded or failed (tests, warm-up); immediately in `words` mode. */
  ready(): Promise<void>;
}

export interface TTextSimilarityOptions {
  mode: TSimilarityMethod;
  /** How the encoder is loaded (src/triage/encoder); injectable so the composition root can share one. */
  load: () => Promise<TEncoder>;
  log: TLogger;
}

/**
 * The sentence encoder when it is loaded, shared words until then. The encoder is loaded once, lazily, on the first
 * ranking — which does not wait for it: a dialog opens within Slack's 3 seconds either way, and later ones use the
 * encoder. If it cannot load, ranking stays on words and the log says so once. Saved-reply vectors are cached by
 * text, so a ranking costs one embedding (~10 ms).
 */
export function createTextSimilarity(opts: TTextSimilarityOptions): TTextSimilarity {
  let encoder: TEncoder | null = null;
  let loading: Promise<void> | null = null;
  const cache = new Map<string, Float32Array>();
  const start = () =>
    (loading ??= opts
      .load()
      .then((e) => {
        encoder = e;
        opts.log.info('saved-reply ranking: sentence encoder loaded');
      })
      .catch((err: unknown) => {
        opts.log.warn('saved-reply ranking: sentence encoder unavailable, ranking by shared words instead', { error: err instanceof Error ? err.message : String(err) });
      }));
  const byWords = (query: string, texts: readonly string[]) => {
    const q = words(query);
    return { method: 'words' as const, scores: texts.map((t) => wordCosine(q, words(t))) };
  };
  return {
    async scores(query, texts) {
      if (opts.mode === 'words') return byWords(query, texts);
      if (!encoder) {
        void start();
        return byWords(query, texts);
      }
      try {
        const missing = [...new Set(texts.filter((t) => !cache.has(t)))];
        const [q, ...vecs] = await encoder.embed([query, ...missing]);
        missing.forEach((t, i) => cache.set(t, vecs[i]!));
        return { method: 'encoder', scores: texts.map((t) => Math.max(0, cosine(q!, cache.get(t)!))) };
      } catch (err) {
        opts.log.warn('saved-reply ranking: embedding failed, ranking by shared words', { error: err instanceof Error ? err.message : String(err) });
        return byWords(query, texts);
      }
    },
    ready: () => (opts.mode === 'words' ? Promise.resolve() : start()),
  };
}
