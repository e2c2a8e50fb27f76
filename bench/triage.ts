/**
 * Triage throughput on a realistic mix: dev-data texts spread over platforms and authors (some
 * customers with tiers, some famous), a stream in time order through a session that keeps a
 * 60-minute window of recent mentions. Single-threaded.   npx tsx bench/triage.ts
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parse } from 'yaml';
import { ZOrgChart } from '../src/config/org-chart-schema.js';
import { PLATFORMS, type TMention } from '../src/mention.js';
import { createTriageSession } from '../src/triage/index.js';
import { loadSource } from '../scripts/triage/data.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function buildMix(n: number): TMention[] {
  const texts = ['complaints-dev', 'tweeteval-sentiment-val', 'sxsw-brand-sentiment', 'tweeteval-offensive-val', 'apple-sentiment']
    .flatMap((s) => loadSource(s).map((r) => r.text));
  const start = Date.parse('2026-03-02T08:00:00Z');
  const out: TMention[] = [];
  for (let i = 0; i < n; i++) {
    // A deterministic spread; every 7th post repeats an earlier one, like an outage wave or campaign.
    const text = i % 7 === 6 ? (texts[(i * 31) % 400] ?? '') : (texts[(i * 7919) % texts.length] ?? '');
    out.push({
      platform: PLATFORMS[i % PLATFORMS.length]!,
      externalId: `bench-${i}`,
      text,
      createdAt: new Date(start + i * 250).toISOString(), // 4 per second: the window holds its cap
      author: {
        handle: `user${i % 5000}`,
        followers: (i * 37) % 100_000,
        verified: i % 97 === 0,
        ...(i % 5 === 0 ? { customerId: `cust-${i}`, tier: ['business', 'premium', 'standard'][i % 3]! } : {}),
      },
      metrics: { likes: i % 50, shares: i % 9, replies: i % 4 },
    });
  }
  return out;
}

/** Runs the benchmark; p99 is per-mention latency measured on a sample. */
export async function benchTriage(): Promise<{ mentionsPerSecond: number; p99Micros: number; n: number; notes: string }> {
  const orgChart = ZOrgChart.parse(parse(readFileSync(path.join(root, 'config/org-chart.example.yaml'), 'utf8')));
  const n = 40_000;
  const mix = buildMix(n);
  // Warm up the JIT on a separate session so the window starts empty for the measured run.
  const warm = createTriageSession(orgChart);
  for (const m of mix.slice(0, 3000)) warm.triage(m);

  const session = createTriageSession(orgChart, { maxRecent: 500 });
  const lat: number[] = [];
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const m = mix[i]!;
    if (i % 10 === 0) {
      const s = process.hrtime.bigint();
      session.triage(m);
      lat.push(Number(process.hrtime.bigint() - s) / 1000);
    } else session.triage(m);
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  lat.sort((a, b) => a - b);
  const p99 = lat[Math.floor(lat.length * 0.99)] ?? 0;
  return {
    mentionsPerSecond: Math.round(n / seconds),
    p99Micros: Math.round(p99),
    n,
    notes: 'dev-data texts, 9 platforms, 5k authors, 20% tiered customers, 1 in 7 near-duplicate, session window capped at 500 recent, single thread',
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await benchTriage();
  console.log(`triage: ${r.mentionsPerSecond.toLocaleString('en')} mentions/s, p99 ${r.p99Micros} µs (n=${r.n}; ${r.notes})`);
}
