/**
 * The second tier as a library for the pipeline: `refine(items)` takes mentions with their fast decisions
 * (and the author history the fast engine saw) and resolves to the final decisions, in the same order.
 * Embedding runs in worker threads, batched, so the event loop (acks, clicks) never waits on it. Mentions
 * the second tier has nothing to add to (spam, non-English, posts absorbed by an incident) keep the fast
 * decision. If the model cannot load, or a batch fails or times out, every affected mention keeps its fast
 * decision with a reason saying so: nothing is lost, nothing waits forever.
 *
 * @example
 * const refiner = createRefiner({ orgChart });
 * const fast = mentions.map((m) => session.triage(m));
 * const final = await refiner.refine(mentions.map((m, i) => ({ mention: m, fast: fast[i]! })));
 * await refiner.close();
 */
import { Worker } from 'node:worker_threads';
import type { TOrgChart } from '../../config/org-chart-schema.js';
import type { TMention } from '../../mention.js';
import type { TAuthorHistory, TTriageDecision } from '../types.js';
import { combine, needsSecondTier } from './combine.js';
import { HEADS, type THeadScores, type THeadsFile } from './heads.js';
import type { THeadScorer } from './scorer.js';

export interface TRefineItem {
  mention: TMention;
  fast: TTriageDecision;
  /** The author history the fast engine was given (priority reads it). */
  author?: TAuthorHistory;
}

export type TRefinerStatus = 'starting' | 'ready' | 'degraded';

export interface TRefiner {
  refine(items: readonly TRefineItem[]): Promise<TTriageDecision[]>;
  /** "degraded" once the model could not load; `reason` says why. */
  status(): { state: TRefinerStatus; reason?: string };
  close(): Promise<void>;
}

export interface TRefinerOptions {
  orgChart: TOrgChart;
  /** Worker threads (default 1); each holds its own encoder (~250 MB). */
  workers?: number;
  /** Heads to decide with (a retrained file, see heads-file.ts); the committed ones by default. */
  heads?: THeadsFile;
  /** Texts per worker message (default 64). */
  batchSize?: number;
  /** A batch not answered in this time keeps its fast decisions (default 60 s). */
  timeoutMs?: number;
  /** Score in this thread instead of workers (benchmarks, offline evaluation). */
  scorer?: THeadScorer;
  /** Worker script, for tests of the failure path; defaults to ./worker next to this file. */
  workerUrl?: URL;
  /** Told once the workers are ready, or once the model could not load (with why): start-up logs say which. */
  onStatus?: (s: { state: TRefinerStatus; reason?: string }) => void;
}

type TScore = (texts: string[]) => Promise<THeadScores[]>;

/** Starts the workers (they load in the background) and returns the refiner at once. */
export function createRefiner(opts: TRefinerOptions): TRefiner {
  const batchSize = opts.batchSize ?? 64;
  const heads = opts.heads ?? HEADS;
  let state: TRefinerStatus = opts.scorer ? 'ready' : 'starting';
  let reason: string | undefined;
  const tell = () => opts.onStatus?.({ state, ...(reason ? { reason } : {}) });
  const pool = opts.scorer
    ? undefined
    : startPool(
      opts,
      (r) => {
        const first = state !== 'degraded';
        state = 'degraded';
        reason = r;
        if (first) tell();
      },
      () => {
        if (state !== 'starting') return;
        state = 'ready';
        tell();
      },
    );
  const score: TScore = opts.scorer ? (t) => opts.scorer!.score(t) : (t) => pool!.score(t);
  let rr = 0;

  async function refine(items: readonly TRefineItem[]): Promise<TTriageDecision[]> {
    const out = items.map((i) => i.fast);
    const todo = items.map((it, k) => (needsSecondTier(it.fast) ? k : -1)).filter((k) => k >= 0);
    if (todo.length === 0) return out;
    if (state === 'degraded') return out.map((d, k) => (todo.includes(k) ? degraded(d, reason) : d));
    const batches: number[][] = [];
    for (let i = 0; i < todo.length; i += batchSize) batches.push(todo.slice(i, i + batchSize));
    await Promise.all(batches.map(async (b) => {
      rr++;
      try {
        const scores = await score(b.map((k) => items[k]!.mention.text));
        b.forEach((k, j) => {
          const it = items[k]!;
          out[k] = combine(it.mention, it.fast, scores[j]!, { orgChart: opts.orgChart, ...(it.author ? { author: it.author } : {}) }, heads);
        });
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        for (const k of b) out[k] = degraded(out[k]!, why);
      }
    }));
    void rr;
    return out;
  }

  return {
    refine,
    status: () => ({ state, ...(reason ? { reason } : {}) }),
    close: async () => {
      await pool?.close();
    },
  };
}

/** The fast decision, saying why the second tier did not decide it. */
function degraded(d: TTriageDecision, why: string | undefined): TTriageDecision {
  return { ...d, reasons: [...d.reasons, `Second tier unavailable${why ? ` (${why})` : ''}: decided by the fast engine alone.`] };
}

interface TPool {
  score: TScore;
  close(): Promise<void>;
}

function startPool(opts: TRefinerOptions, onFail: (reason: string) => void, onReady: () => void): TPool {
  const ts = import.meta.url.endsWith('.ts');
  const entry = opts.workerUrl ?? new URL(ts ? './worker.ts' : './worker.js', import.meta.url);
  const n = Math.max(1, opts.workers ?? 1);
  const timeoutMs = opts.timeoutMs ?? 60_000;
  let next = 0;
  let seq = 0;
  const pending = new Map<number, { resolve: (s: THeadScores[]) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  let alive = 0;
  const workers: Worker[] = [];
  const ready: Promise<void>[] = [];
  const failAll = (why: string) => {
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      p.reject(new Error(why));
      pending.delete(id);
    }
  };
  for (let i = 0; i < n; i++) {
    // Run from source (tests, scripts under tsx) the worker is TypeScript too: a bootstrap registers the loader first.
    // The worker scores with the same heads this thread combines with (undefined: the committed ones).
    const data = { heads: opts.heads };
    const w = ts && entry.pathname.endsWith('.ts')
      ? new Worker(new URL('./ts-worker-bootstrap.mjs', import.meta.url), { workerData: { ...data, entry: entry.href } })
      : new Worker(entry, { workerData: data });
    workers.push(w);
    ready.push(new Promise<void>((resolve) => {
      w.once('message', (m: { type: string; message?: string }) => {
        if (m.type === 'ready') {
          alive++;
          onReady();
        } else onFail(m.message ?? 'the model could not load');
        resolve();
      });
      w.once('error', (e) => {
        onFail(e.message);
        failAll(e.message);
        resolve();
      });
    }));
    w.on('message', (m: { type: string; id?: number; scores?: THeadScores[]; error?: string }) => {
      if (m.type !== 'result' || m.id === undefined) return;
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      clearTimeout(p.timer);
      if (m.error) p.reject(new Error(m.error));
      else p.resolve(m.scores!);
    });
    // A worker that exits while loading or working takes its batches with it: they fail over to the fast decision.
    w.on('exit', (code) => {
      if (code !== 0) failAll(`worker exited with code ${code}`);
    });
  }
  const allReady = Promise.all(ready);
  return {
    async score(texts) {
      await allReady;
      if (alive === 0) throw new Error('the model could not load');
      const w = workers[next++ % n]!;
      const id = ++seq;
      return new Promise<THeadScores[]>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`no answer in ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, { resolve, reject, timer });
        w.postMessage({ id, texts });
      });
    },
    async close() {
      failAll('closed');
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
