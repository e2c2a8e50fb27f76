/**
 * Stats latency on seeded databases of 100k and 1M cases (cached under bench/.cache/, gitignored): computeStats for
 * all teams and one team × today / 7d / 30d, many runs each, p50 / p95 in ms. The rollup is first built cold (timed
 * separately: the scheduler keeps it current in production); every measured call still does its own refresh check,
 * and recent hours whose cases changed are recomputed as they would be live.   npx tsx bench/stats.ts [100000 …]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { ZOrgChart } from '../src/config/org-chart-schema.js';
import { computeStats } from '../src/reports/stats.js';
import { parsePeriod } from '../src/reports/period.js';
import { openDatabase } from '../src/store/client.js';
import { cachedSeed, SEED_VERSION } from './seed-cases.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NOW = new Date('2026-11-23T12:00:00Z');

export interface TStatsBenchRow {
  cases: number;
  teams: string;
  period: string;
  p50: number;
  p95: number;
  runs: number;
}

export interface TStatsBench {
  rows: TStatsBenchRow[];
  seeded: { cases: number; seededMs: number | null; rollupBuildMs: number }[];
  worstP95: number;
  notes: string;
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0;

/** Seeds (or reuses) each size, builds the rollup cold, then times computeStats. */
export async function benchStats(sizes = [100_000, 1_000_000], runs = 30): Promise<TStatsBench> {
  const orgChart = ZOrgChart.parse(parse(readFileSync(path.join(root, 'config/org-chart.example.yaml'), 'utf8')));
  const rows: TStatsBenchRow[] = [];
  const seeded: TStatsBench['seeded'] = [];
  for (const n of sizes) {
    const file = path.join(root, 'bench/.cache', `cases-${SEED_VERSION}-${n}.db`);
    const { seededMs } = await cachedSeed(file, { n, now: NOW });
    const db = await openDatabase(`file:${file}`);
    try {
      // Cold start: drop any rollup a previous run left, so its build time is measured every run.
      await db.statsSlot.deleteMany({});
      await db.statsRollupState.deleteMany({});
      const t0 = performance.now();
      await computeStats(db, { teams: 'all', from: NOW, to: NOW, now: NOW, orgChart });
      seeded.push({ cases: n, seededMs, rollupBuildMs: performance.now() - t0 });
      for (const teams of ['all', 'social-care'] as const) {
        for (const p of ['today', '7d', '30d']) {
          const period = parsePeriod(p, { now: NOW, timeZone: 'Europe/London' });
          const opts = { teams: teams === 'all' ? ('all' as const) : [teams], from: period.from, to: period.to, now: NOW, orgChart };
          for (let i = 0; i < 3; i++) await computeStats(db, opts);
          const lat: number[] = [];
          for (let i = 0; i < runs; i++) {
            const s = performance.now();
            await computeStats(db, opts);
            lat.push(performance.now() - s);
          }
          rows.push({ cases: n, teams, period: p, p50: quantile(lat, 0.5), p95: quantile(lat, 0.95), runs });
        }
      }
    } finally {
      await db.$disconnect();
    }
  }
  return {
    rows,
    seeded,
    worstP95: Math.max(...rows.map((r) => r.p95)),
    notes: `${runs} timed runs after 3 warm-ups per cell; cases over 30 days before ${NOW.toISOString()}, 4 teams, Europe/London periods; SQLite file in WAL mode`,
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const sizes = process.argv.slice(2).map(Number);
  const r = await benchStats(sizes.length ? sizes : undefined);
  for (const s of r.seeded) console.log(`${s.cases.toLocaleString('en')} cases: seeded ${s.seededMs === null ? '(cached)' : `${Math.round(s.seededMs)} ms`}, rollup built in ${Math.round(s.rollupBuildMs)} ms`);
  for (const row of r.rows) console.log(`${row.cases.toLocaleString('en')} ${row.teams} ${row.period}: p50 ${row.p50.toFixed(1)} ms, p95 ${row.p95.toFixed(1)} ms`);
}
