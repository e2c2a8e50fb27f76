/**
 * Training of the second tier's heads (library; train-heads.ts is the command). Deterministic: a fixed
 * shuffle seed, rows in file order, vectors from the embedding cache (recomputed identically when absent),
 * weights rounded to 1e-4. Extra labelled rows (staff corrections) can be folded in, and `checkHeads`
 * refuses a candidate that is worse than the current heads on the held-out test split.
 */
import { analyseText } from '../../src/triage/analyse.js';
import { ENCODER_DIM, ENCODER_VERSION, loadEncoder } from '../../src/triage/encoder/index.js';
import { sigmoid } from '../../src/triage/linear-model.js';
import { scoreAll } from '../../src/triage/models.js';
import { ensemble, scoreLearnedHeads, type THeadSpec, type THeadsFile } from '../../src/triage/tier2/heads.js';
import { FOLDS, foldOf } from './cv.js';
import { readOutOfFold } from './fast-oof.js';
import { loadSemevalPool, loadTask, TWEETEVAL_SENTIMENT, type TRow, type TTask } from './data.js';
import { openEmbeddingCache } from './embedding-cache.js';
import { logits, trainLinear, type TExample, type THyper } from './learn.js';
import { computeMetrics } from './metrics.js';
import { TASKS, type TTaskSpec } from './tasks.js';

export type TLabelledRow = TRow & { gold: string };

/** A staff correction as training sees it: the post's text and the labels staff set (any subset). */
export interface TCorrectionRow {
  id: string;
  text: string;
  sentiment?: 'negative' | 'neutral' | 'positive';
  complaint?: boolean;
  offensive?: boolean;
}

/** Corrections count this many times an ordinary row: few, but about this organisation's own traffic. */
export const CORRECTION_WEIGHT = 3;

const HYPER: THyper = { epochs: 6, lr: 0.05, l2: 1e-4 };
const WEIGHTS = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8];

const cache = openEmbeddingCache(ENCODER_VERSION, `train-${process.pid}`);

/** Vectors for texts (from the cache, embedding what is missing). */
export const vectorsFor = (texts: readonly string[], log?: (m: string) => void): Promise<Float32Array[]> => cache.embedAll(texts, loadEncoder, log);

/** The fast engine's probabilities for a text, per task (what the head is averaged with). */
export function fastProbs(task: TTask, text: string): number[] {
  const z = scoreAll(analyseText(text).features);
  switch (task) {
    case 'sentiment': {
      const m = Math.max(z.sentiment[0]!, z.sentiment[1]!, z.sentiment[2]!);
      const e = [0, 1, 2].map((k) => Math.exp(z.sentiment[k]! - m));
      const s = e[0]! + e[1]! + e[2]!;
      return e.map((x) => x / s);
    }
    case 'complaint': return [sigmoid(z.complaint)];
    case 'offensive': return [sigmoid(z.offensive)];
    case 'irony': return [sigmoid(z.irony)];
  }
}

/** The label a correction gives a task, if any (the dialog has no irony field). */
const labelOf = (task: TTask, c: TCorrectionRow): string | boolean | undefined =>
  task === 'sentiment' ? c.sentiment : task === 'complaint' ? c.complaint : task === 'offensive' ? c.offensive : undefined;

/** Training rows of a task (never the test split), plus corrections that carry its label. */
export function trainingRows(task: TTask, corrections: readonly TCorrectionRow[] = []): (TLabelledRow & { weight: number })[] {
  const base = [...loadTask(task).filter((r) => r.split !== 'test'), ...(task === 'sentiment' ? loadSemevalPool() : [])].map((r) => ({ ...r, weight: 1 }));
  const extra = corrections.flatMap((c) => {
    const label = labelOf(task, c);
    if (label === undefined) return [];
    return [{ source: 'correction', externalId: c.id, text: c.text, labels: {}, split: 'train' as const, gold: String(label), weight: CORRECTION_WEIGHT }];
  });
  return [...base, ...extra];
}

function examples(spec: TTaskSpec, rows: readonly (TLabelledRow & { weight: number })[], vecs: readonly Float32Array[]): TExample[] {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.gold, (counts.get(r.gold) ?? 0) + 1);
  const idx = Array.from({ length: ENCODER_DIM }, (_, i) => i);
  return rows.map((r, i) => ({
    idx,
    val: Array.from(vecs[i]!),
    y: spec.outputs === 1 ? (r.gold === 'true' ? 1 : 0) : spec.classes.indexOf(r.gold),
    weight: (rows.length / (spec.classes.length * (counts.get(r.gold) ?? 1))) * (spec.sourceWeight?.[r.source] ?? 1) * r.weight,
  }));
}

const toProbs = (spec: TTaskSpec, z: Float64Array): number[] => {
  if (spec.outputs === 1) return [sigmoid(z[0]!)];
  const m = Math.max(...z);
  const e = Array.from(z, (x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
};

function predict(spec: TTaskSpec, p: readonly number[], threshold: number, offsets: readonly number[]): string {
  if (spec.outputs === 1) return p[0]! >= threshold ? 'true' : 'false';
  let best = 0;
  for (let k = 1; k < p.length; k++) if (Math.log(p[k]! + 1e-9) + offsets[k]! > Math.log(p[best]! + 1e-9) + offsets[best]!) best = k;
  return spec.classes[best]!;
}

/** Ensemble weight and threshold/offsets that maximise the task metric on out-of-fold rows (TweetEval only for sentiment). */
function tuneEnsemble(spec: TTaskSpec, rows: readonly TLabelledRow[], head: number[][], fast: number[][]): { weight: number; threshold: number; offsets: [number, number, number]; score: number } {
  const keep = rows.map((r, i) => (spec.task !== 'sentiment' || r.source === TWEETEVAL_SENTIMENT ? i : -1)).filter((i) => i >= 0);
  const gold = keep.map((i) => rows[i]!.gold);
  let best = { weight: 0.5, threshold: 0.5, offsets: [0, 0, 0] as [number, number, number], score: -1 };
  for (const w of WEIGHTS) {
    const mixed = keep.map((i) => head[i]!.map((h, k) => w * h + (1 - w) * fast[i]![k]!));
    const score = (t: number, o: readonly number[]) => computeMetrics(gold, mixed.map((p) => predict(spec, p, t, o)), spec.classes)[spec.metric];
    if (spec.outputs === 1) {
      for (let t = 30; t <= 70; t += 2) {
        const s = score(t / 100, []);
        if (s > best.score + 1e-9) best = { weight: w, threshold: t / 100, offsets: [0, 0, 0], score: s };
      }
    } else {
      for (let a = -10; a <= 10; a++) for (let b = -10; b <= 10; b++) {
        const o: [number, number, number] = [a / 10, 0, b / 10];
        const s = score(0.5, o);
        if (s > best.score + 1e-9) best = { weight: w, threshold: 0.5, offsets: o, score: s };
      }
    }
  }
  return best;
}

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

/** Trains one head with 5-fold tuning of its ensemble; `log` reports progress. */
export async function trainHead(spec: TTaskSpec, corrections: readonly TCorrectionRow[] = [], log: (m: string) => void = () => {}): Promise<THeadSpec & { cv: number }> {
  const rows = trainingRows(spec.task, corrections);
  const vecs = await vectorsFor(rows.map((r) => r.text), log);
  const ex = examples(spec, rows, vecs);
  // Out-of-fold fast probabilities where train.ts made them (every dev-data row); corrections use the model's own.
  const oof = readOutOfFold(spec.task);
  const fast = rows.map((r) => {
    const z = r.source === 'correction' ? undefined : oof.get(r.externalId);
    return z ? toProbs(spec, Float64Array.from(z)) : fastProbs(spec.task, r.text);
  });
  const folds = rows.map((r) => foldOf(r.externalId));
  const head: number[][] = new Array(rows.length);
  for (let k = 0; k < FOLDS; k++) {
    const m = trainLinear(ex.filter((_, i) => folds[i] !== k), spec.outputs, HYPER, 7, ENCODER_DIM);
    ex.forEach((e, i) => {
      if (folds[i] === k) head[i] = toProbs(spec, logits(m, e));
    });
  }
  const tuned = tuneEnsemble(spec, rows, head, fast);
  const final = trainLinear(ex, spec.outputs, HYPER, 7, ENCODER_DIM);
  const w: number[][] = [];
  for (let k = 0; k < spec.outputs; k++) w.push(Array.from({ length: ENCODER_DIM }, (_, i) => round4(final.w[i * spec.outputs + k]!)));
  log(`  ${spec.task}: ${rows.length} rows, ensemble weight ${tuned.weight}, cv ${spec.metric} ${tuned.score.toFixed(4)}`);
  return {
    classes: spec.outputs === 1 ? ['true'] : spec.classes,
    w, b: Array.from(final.bias, round4), weight: tuned.weight,
    ...(spec.outputs === 1 ? { threshold: tuned.threshold } : { offsets: tuned.offsets }),
    cv: round4(tuned.score),
  };
}

export interface TTrainHeadsOptions {
  corrections?: readonly TCorrectionRow[];
  log?: (m: string) => void;
  /**
   * The heads in use. A task no correction labels keeps its head from here (training it again would only repeat
   * the run that made it, at the cost of embedding its data), and so does any task not in `tasks`.
   */
  keep?: THeadsFile;
  /** Train only these (with `keep`); all by default. */
  tasks?: readonly TTask[];
}

/** Trains the four heads (or those `o` asks for). */
export async function trainHeads(o: TTrainHeadsOptions = {}): Promise<THeadsFile> {
  const { corrections = [], log = () => {}, keep } = o;
  const tasks: Partial<THeadsFile['tasks']> = {};
  const cv: Record<string, number> = {};
  for (const spec of TASKS) {
    const asked = !o.tasks || o.tasks.includes(spec.task);
    if (keep && (!asked || !corrections.some((c) => labelOf(spec.task, c) !== undefined) && !o.tasks)) {
      tasks[spec.task] = keep.tasks[spec.task];
      const kept = (keep.meta?.['cv'] as Record<string, number> | undefined)?.[spec.task];
      if (kept !== undefined) cv[spec.task] = kept;
      log(`  ${spec.task}: ${asked ? 'no correction labels it' : 'not asked for'}; head kept`);
      continue;
    }
    const { cv: score, ...head } = await trainHead(spec, corrections, log);
    tasks[spec.task] = head;
    cv[spec.task] = score;
  }
  return {
    encoder: ENCODER_VERSION,
    tasks: tasks as THeadsFile['tasks'],
    meta: { hyper: HYPER, cvFolds: FOLDS, cv, corrections: corrections.length, trainedOn: 'train+dev splits (+ SemEval pool for sentiment), never the test split' },
  };
}

/** Where vectors come from: the embedding cache by default; tests pass the committed held-out vectors. */
export type TVectorSource = (texts: readonly string[]) => Promise<Float32Array[]>;

/** The rows every held-out figure is measured on: the test split (TweetEval rows only for sentiment). */
export const heldOutRows = (task: TTask): TLabelledRow[] =>
  loadTask(task).filter((r) => r.split === 'test' && (task !== 'sentiment' || r.source === TWEETEVAL_SENTIMENT));

/** Held-out metric of each task under an ensemble of `heads` with the fast models, on the test split. */
export async function heldOutScores(heads: THeadsFile, vectors: TVectorSource = vectorsFor): Promise<Record<TTask, number>> {
  const out: Partial<Record<TTask, number>> = {};
  for (const spec of TASKS) {
    const rows = heldOutRows(spec.task);
    const vecs = await vectors(rows.map((r) => r.text));
    const h = heads.tasks[spec.task];
    const pred = rows.map((r, i) => {
      const f = fastProbs(spec.task, r.text);
      const p = spec.outputs === 1 ? [mixBinary(heads, spec.task as Exclude<TTask, 'sentiment'>, f[0]!, vecs[i]!)] : mixSentiment(heads, f, vecs[i]!);
      return predict(spec, p, h.threshold ?? 0.5, h.offsets ?? [0, 0, 0]);
    });
    out[spec.task] = computeMetrics(rows.map((r) => r.gold), pred, spec.classes)[spec.metric];
  }
  return out as Record<TTask, number>;
}

function scores(heads: THeadsFile, v: Float32Array) {
  return scoreLearnedHeads(heads, v);
}
function mixBinary(heads: THeadsFile, task: Exclude<TTask, 'sentiment'>, fast: number, v: Float32Array): number {
  const fastAll = { sentiment: { negative: 0, neutral: 1, positive: 0 }, complaint: fast, offensive: fast, irony: fast };
  return ensemble(heads, fastAll, scores(heads, v))[task as 'complaint'];
}
function mixSentiment(heads: THeadsFile, fast: number[], v: Float32Array): number[] {
  const e = ensemble(heads, { sentiment: { negative: fast[0]!, neutral: fast[1]!, positive: fast[2]! }, complaint: 0, offensive: 0, irony: 0 }, scores(heads, v));
  return [e.sentiment.negative, e.sentiment.neutral, e.sentiment.positive];
}

export interface THeadsCheck {
  accepted: boolean;
  before: Record<TTask, number>;
  after: Record<TTask, number>;
  /** Tasks that got worse beyond the tolerance. */
  worse: TTask[];
}

/** Largest drop of a held-out metric tolerated (noise on a few hundred rows is about this size). */
export const TOLERANCE = 0.005;

/** Compares a candidate with the current heads on the held-out split; refuses it if any task got worse. */
export async function checkHeads(current: THeadsFile, candidate: THeadsFile, vectors: TVectorSource = vectorsFor): Promise<THeadsCheck> {
  const before = await heldOutScores(current, vectors);
  const after = await heldOutScores(candidate, vectors);
  const worse = (Object.keys(before) as TTask[]).filter((t) => after[t] < before[t] - TOLERANCE);
  return { accepted: worse.length === 0, before, after, worse };
}
