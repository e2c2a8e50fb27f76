/** Classification metrics as the benchmarks define them (TweetEval: macro-recall for sentiment, macro-F1 otherwise). */

export interface TMetrics {
  n: number;
  accuracy: number;
  macroF1: number;
  macroRecall: number;
  perClass: Record<string, { precision: number; recall: number; f1: number; support: number }>;
}

/** Metrics of predictions against gold labels over the given class list. */
export function computeMetrics(gold: readonly string[], pred: readonly string[], classes: readonly string[]): TMetrics {
  const perClass: TMetrics['perClass'] = {};
  let correct = 0;
  for (let i = 0; i < gold.length; i++) if (gold[i] === pred[i]) correct++;
  for (const c of classes) {
    let tp = 0, fp = 0, fn = 0;
    for (let i = 0; i < gold.length; i++) {
      if (pred[i] === c && gold[i] === c) tp++;
      else if (pred[i] === c) fp++;
      else if (gold[i] === c) fn++;
    }
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[c] = { precision, recall, f1, support: tp + fn };
  }
  const avg = (k: 'f1' | 'recall'): number => classes.reduce((s, c) => s + (perClass[c]?.[k] ?? 0), 0) / classes.length;
  return { n: gold.length, accuracy: gold.length ? correct / gold.length : 0, macroF1: avg('f1'), macroRecall: avg('recall'), perClass };
}
