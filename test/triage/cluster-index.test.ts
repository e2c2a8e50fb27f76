import { describe, it, expect } from 'vitest';
import type { TCategory } from '../../src/config/org-chart-schema.js';
import { clusterMention, clusterMentionBruteForce, signatureOf } from '../../src/triage/cluster.js';
import { normaliseText } from '../../src/triage/normalise.js';
import { tokenise } from '../../src/triage/tokenise.js';
import { createTriageSession, triage, type TRecentMention } from '../../src/triage/index.js';
import { exampleOrgChart, mention, NOW } from './helpers.js';

const orgChart = exampleOrgChart();
const CATS: TCategory[] = ['outage', 'defect', 'billing', 'praise', 'question', 'other'];
const BASES = [
  'broadband down in Leeds since 9am nothing works at all',
  'the app keeps crashing when I open my bill page',
  'charged twice this month for the same plan, want a refund',
  'love the new ad with the dog, made my day',
  'is the internet down in Manchester or is it just me',
  'wifi down',
  'hi',
  'check this out https://news.example/acme-outage-story',
  'boycott acme now they lie about speeds share this everywhere',
  'my router lights are flashing orange again since the storm',
];
const EXTRA = ['again', 'seriously', '!!', 'please help', '@acmehelp', '#fail', 'today', 'ugh', 'lol', 'https://t.example/abc123xyz'];

/** A deterministic stream: near-duplicates of a few stories, noise, links, repeated ids. */
function stream(n: number, stepMs: number): TRecentMention[] {
  let seed = 12345;
  const rnd = (k: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % k;
  };
  const start = NOW.getTime() - n * stepMs;
  const out: TRecentMention[] = [];
  for (let i = 0; i < n; i++) {
    const base = BASES[rnd(BASES.length)]!;
    const words = base.split(' ');
    if (rnd(3) === 0 && words.length > 3) words.splice(rnd(words.length), 1);
    if (rnd(2) === 0) words.push(EXTRA[rnd(EXTRA.length)]!);
    if (rnd(4) === 0) words.push(`word${rnd(50)}`);
    out.push({
      platform: rnd(5) === 0 ? 'facebook' : 'x',
      externalId: rnd(20) === 0 ? `dup${rnd(5)}` : `s${i}`,
      text: words.join(' '),
      createdAt: new Date(start + i * stepMs).toISOString(),
      clusterId: rnd(3) === 0 ? `c_given${rnd(4)}` : null,
      category: CATS[rnd(CATS.length)]!,
    });
  }
  return out;
}

function selfOf(r: TRecentMention) {
  const text = normaliseText(r.text);
  return { platform: r.platform, externalId: r.externalId, sig: signatureOf(text, tokenise(text)), category: r.category ?? 'other' };
}

describe('indexed clustering', () => {
  for (const [label, n, stepMs, cap] of [
    ['dense window', 400, 2_000, 300],
    ['window longer than the hour', 400, 30_000, 400],
    ['small window', 300, 5_000, 40],
  ] as const) {
    it(`gives the brute-force answer on a reused window (${label})`, () => {
      const all = stream(n, stepMs);
      const window: TRecentMention[] = [];
      let joined = 0;
      for (const r of all) {
        const now = new Date(r.createdAt);
        const self = selfOf(r);
        const fast = clusterMention(self, window, now);
        expect(fast).toEqual(clusterMentionBruteForce(self, window, now));
        if (fast.joined) joined++;
        window.push({ ...r, clusterId: fast.clusterId });
        if (window.length > cap) window.splice(0, window.length - cap);
      }
      expect(joined).toBeGreaterThan(n / 4);
    });
  }

  it('gives the brute-force answer on a window out of time order, and once it is back in order', () => {
    const all = stream(300, 3_000);
    // Out of order: a burst delivered late, then the window is only appended to and dropped from.
    const window = [...all.slice(0, 100), ...all.slice(150, 160), ...all.slice(100, 150)];
    for (const r of all.slice(160, 300)) {
      const now = new Date(r.createdAt);
      expect(clusterMention(selfOf(r), window, now)).toEqual(clusterMentionBruteForce(selfOf(r), window, now));
      window.push(r);
      window.splice(0, 1);
    }
  });

  it('session decisions equal stateless decisions on a fresh copy of the window (scan path)', () => {
    const session = createTriageSession(orgChart, { maxRecent: 150, trackAuthors: false });
    const items = stream(300, 4_000);
    for (const r of items) {
      const m = mention(r.text, { platform: r.platform, externalId: r.externalId, createdAt: r.createdAt });
      // What the session will hand triage: at most maxRecent - 1 items (older ones fall outside the hour anyway).
      const copy = session.recent().slice(-149);
      const expected = triage(m, { orgChart, now: new Date(r.createdAt), recent: copy });
      expect(session.triage(m)).toEqual(expected);
    }
  });
});
