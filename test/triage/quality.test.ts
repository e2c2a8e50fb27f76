import { describe, it, expect } from 'vitest';
import { evaluateAll } from '../../scripts/triage/evaluate.js';

// Floors sit a little below the figures measured on the held-out test split (src/triage/model/EVAL.md),
// so a regression in features, data loading or the model files fails here.
const FLOORS: Record<string, number> = {
  'sentiment (TweetEval)': 0.62,
  'sentiment (all sources)': 0.65,
  complaint: 0.77,
  offensive: 0.71,
  irony: 0.61,
};

describe('model quality on the held-out split', () => {
  const results = evaluateAll();
  it.each(Object.entries(FLOORS))('%s stays above %d', (name, floor) => {
    const r = results.find((x) => x.name === name);
    expect(r).toBeDefined();
    expect(r!.metrics.n).toBeGreaterThan(300);
    expect(r!.metrics[r!.metric]).toBeGreaterThanOrEqual(floor);
  });
});
