import { describe, it, expect, afterAll } from 'vitest';
import { fileURLToPath } from 'node:url';
import { PassThrough, Readable } from 'node:stream';
import { runTriageCommand } from '../../src/commands/triage.js';
import { loadEncoder, prepareForEncoder, similarity, ENCODER_DIM } from '../../src/triage/encoder/index.js';
import { createTriageSession } from '../../src/triage/index.js';
import { combine, createHeadScorer, createRefiner, HEADS } from '../../src/triage/tier2/index.js';
import { checkHeads, heldOutScores } from '../../scripts/triage/heads-training.js';
import { heldOutTexts, heldOutVectorSource, readHeldOutVectors } from '../../scripts/triage/held-out-vectors.js';
import { agreement, retrainWithCorrections } from '../../scripts/triage/retrain.js';
import { evaluateDecisions, fullDecider } from '../../scripts/triage/decision-eval.js';
import { exampleOrgChart, mention, NOW } from './helpers.js';

// The one test file that loads the sentence encoder (~250 MB, a second or two): everything that needs it is here.
const orgChart = exampleOrgChart();
const encoder = loadEncoder();
const scorer = encoder.then((e) => createHeadScorer(e));
// The held-out rows' vectors come from the committed file (scripts/triage/held-out-vectors.ts), not the embedding
// cache, which a fresh clone does not have; the first test below holds the file to the live encoder.
const heldOutVectors = heldOutVectorSource((texts) => encoder.then((e) => e.embed(texts)));

describe('sentence encoder', () => {
  it('embeds offline into unit vectors where paraphrases are closer than unrelated posts', async () => {
    const [a, b, c] = await (await encoder).embed(['my broadband is down again', 'no internet connection since this morning', 'what a lovely sunny day']);
    expect(a!.length).toBe(ENCODER_DIM);
    expect(similarity(a!, a!)).toBeCloseTo(1, 5);
    expect(similarity(a!, b!)).toBeGreaterThan(similarity(a!, c!));
  });
  it('answers in input order when it sorts a request by length and embeds copies once', async () => {
    const enc = await encoder;
    const texts = ['a much longer post about the router that keeps dropping the connection every evening since the update', 'wifi down', 'wifi down', 'billing question about my last invoice'];
    const together = await enc.embed(texts);
    const alone = await Promise.all(texts.map(async (t) => (await enc.embed([t]))[0]!));
    together.forEach((v, i) => expect(Math.max(...v.map((x, k) => Math.abs(x - alone[i]![k]!)))).toBeLessThan(1e-5));
    // A copy is its own array: changing one vector leaves the other alone.
    expect(together[1]).not.toBe(together[2]);
  });
  it('serves a text seen in an earlier request from its recent vectors: the same vector, as an array of its own', async () => {
    const enc = await encoder;
    const [first] = await enc.embed(['@acmebroadband wifi down again in Leeds']);
    first![0] = 42; // a caller scribbling on its answer must not reach the next caller
    const [again, other] = await enc.embed(['@acmeBroadband   wifi down again in Leeds', 'something else entirely']);
    const fresh = (await loadEncoder({ recent: 0 })).embed(['@acmebroadband wifi down again in Leeds']);
    const [exact] = await fresh;
    expect(Array.from(again!)).toEqual(Array.from(exact!));
    expect(again).not.toBe(first);
    expect(similarity(again!, other!)).toBeLessThan(0.9);
  });
  it('accepts empty and hostile text', async () => {
    const v = await (await encoder).embed(['', '😡😡', 'x'.repeat(100_000), '\u202e\u0000abc']);
    expect(v).toHaveLength(4);
    for (const x of v) expect(x.every(Number.isFinite)).toBe(true);
  });
});

describe('second tier', () => {
  const session = () => createTriageSession(orgChart);
  it('refines in order: English posts a person will see go through the encoder; spam and unreadable posts keep the fast decision', async () => {
    const ms = [
      mention('@acmebroadband my bill doubled this month and nobody explains why'),
      mention('Buy 10k real followers cheap, DM me, link in bio https://spam.example'),
      mention('@acmebroadband 인터넷이 안 돼요'),
      mention('@acmehelp thanks, the engineer fixed it in ten minutes'),
    ];
    const s = session();
    const fast = ms.map((m) => s.triage(m));
    const refiner = createRefiner({ orgChart, scorer: await scorer });
    const out = await refiner.refine(ms.map((m, i) => ({ mention: m, fast: fast[i]! })));
    expect(out.map((d) => d.externalId)).toEqual(ms.map((m) => m.externalId));
    expect(out.map((d) => d.tier)).toEqual(['full', 'fast', 'fast', 'full']);
    expect(out[0]!.category).toBe('billing');
    expect(out[0]!.reasons.at(-1)).toMatch(/sentence encoder/);
    expect(out[1]).toBe(fast[1]);
  });
  it('combine is pure: same scores, same decision', async () => {
    const m = mention('@acmebroadband the router keeps rebooting every hour since the update');
    const fast = session().triage(m);
    const [scores] = await (await scorer).score([m.text]);
    expect(combine(m, fast, scores!, { orgChart })).toEqual(combine(structuredClone(m), structuredClone(fast), structuredClone(scores!), { orgChart }));
  });
  it('runs in a worker thread and answers while the event loop stays free', async () => {
    const refiner = createRefiner({ orgChart });
    // Billing complaints: no incident absorbs them, so each goes through the encoder.
    const ms = Array.from({ length: 10 }, (_, i) => mention(`@acmebroadband you billed me £${i + 20} extra this month, item ${i}`));
    const s = session();
    const items = ms.map((m) => ({ mention: m, fast: s.triage(m) }));
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const out = await refiner.refine(items);
    clearInterval(timer);
    await refiner.close();
    expect(out.map((d) => [d.tier, d.reasons.at(-1)])).toEqual(out.map(() => ['full', expect.stringMatching(/sentence encoder/)]));
    expect(refiner.status().state).toBe('ready');
    expect(ticks).toBeGreaterThan(0);
  }, 60_000);
  it('degrades to the fast engine, saying so, when the model cannot load', async () => {
    const refiner = createRefiner({ orgChart, workerUrl: new URL('./no-such-worker.js', import.meta.url) });
    const m = mention('@acmebroadband my internet is down');
    const fast = session().triage(m);
    const [d] = await refiner.refine([{ mention: m, fast }]);
    await refiner.close();
    expect(d!.decision).toBe(fast.decision);
    expect(d!.tier).toBe('fast');
    expect(d!.reasons.at(-1)).toMatch(/Second tier unavailable.*fast engine alone/);
    expect(refiner.status().state).toBe('degraded');
  }, 30_000);
});

describe('earshot triage runs the full path by default', () => {
  it('keeps input order and reports a malformed line in place', async () => {
    const refiner = createRefiner({ orgChart, scorer: await scorer });
    const output = new PassThrough();
    const chunks: string[] = [];
    output.on('data', (c: Buffer) => chunks.push(c.toString()));
    const a = mention('@acmebroadband no internet in Leeds since 9am');
    const b = mention('great!!! 😍 check my page, link in bio');
    const lines = [JSON.stringify(a), '{oops', JSON.stringify(b)];
    const r = await runTriageCommand({ input: Readable.from([lines.join('\n') + '\n']), output, orgChart, refiner, batchSize: 2 });
    const out = chunks.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(r).toEqual({ lines: 3, errors: 1 });
    expect(out.map((o) => o['externalId'] ?? o['line'])).toEqual([a.externalId, 2, b.externalId]);
    expect(out[0]!['tier']).toBe('full');
    expect(out[0]).not.toHaveProperty('signals');
    expect(out[2]!['decision']).toBe('ignore');
  });
});

describe('quality of the full path on data never tuned on', async () => {
  it('measures on vectors the live encoder gives, for every held-out row', async () => {
    const texts = heldOutTexts();
    const stored = readHeldOutVectors();
    // One vector per prepared text (two held-out texts differ only in what preparation removes).
    expect(stored.size).toBe(new Set(texts.map(prepareForEncoder)).size);
    // A fixed sample across the file: a changed encoder or text preparation moves every vector.
    const sample = texts.filter((_, i) => i % 97 === 0);
    const live = await (await encoder).embed(sample);
    const fromFile = await heldOutVectors(sample);
    sample.forEach((_, i) => expect(similarity(live[i]!, fromFile[i]!)).toBeGreaterThan(0.9995));
  }, 60_000);
  const held = await heldOutScores(HEADS, heldOutVectors);
  // Floors a little below the held-out figures in src/triage/model/EVAL.md (issue 17's targets in brackets).
  it.each([
    ['sentiment', 0.67], // TweetEval macro-recall (≥ 0.67)
    ['complaint', 0.84], // macro-F1 (≥ 0.85)
    ['offensive', 0.73], // macro-F1 (≥ 0.78: not reached)
    ['irony', 0.63],
  ] as const)('%s ≥ %d', (task, floor) => expect(held[task]).toBeGreaterThanOrEqual(floor));
  it('decisions on the holdout split: accuracy ≥ 0.85, macro-F1 ≥ 0.85, team ≥ 0.90', async () => {
    const e = await evaluateDecisions(orgChart, 'holdout', fullDecider(orgChart, scorer));
    expect(e.decision.accuracy).toBeGreaterThanOrEqual(0.85);
    expect(e.decision.macroF1).toBeGreaterThanOrEqual(0.85);
    expect(e.team.accuracy).toBeGreaterThanOrEqual(0.9);
  });
});

describe('learning from corrections (training side)', () => {
  it('refuses a candidate that is worse on the held-out split', async () => {
    const broken = structuredClone(HEADS);
    for (const t of Object.values(broken.tasks)) {
      t.weight = 1;
      t.w = t.w.map((row) => row.map(() => 0));
    }
    const check = await checkHeads(HEADS, broken, heldOutVectors);
    expect(check.accepted).toBe(false);
    expect(check.worse.length).toBeGreaterThan(0);
    expect(check.after['complaint']).toBeLessThan(check.before['complaint']);
  });
  it('accepts the current heads against themselves', async () => {
    expect((await checkHeads(HEADS, HEADS, heldOutVectors)).accepted).toBe(true);
  });
  it("measures agreement with staff's corrected decisions, categories and teams", async () => {
    const corrections = [
      { id: 'c1', text: '@acmebroadband you charged me twice, refund please', decision: 'respond_then_offline' as const, category: 'billing' as const, team: 'billing' },
      { id: 'c2', text: 'lol acme is the worst company ever', decision: 'escalate' as const },
    ];
    const a = await agreement(HEADS, corrections, orgChart);
    expect(a.n).toBe(2);
    expect(a.agreement).toBeCloseTo(3 / 4, 5);
  });
  it('rejects a malformed correction naming its row, before any training', async () => {
    await expect(retrainWithCorrections(HEADS, [{ id: 'a', text: 'ok', sentiment: 'positive' }, { id: 'b', text: 'x', sentiment: 'angry' }])).rejects.toThrow(/correction 2: sentiment/);
  });
});

afterAll(() => {
  // Every held-out text was in the committed file: nothing was embedded for the quality checks.
  expect(heldOutVectors.misses()).toBe(0);
  void fileURLToPath;
});
void NOW;
