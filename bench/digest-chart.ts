/**
 * Digest chart rendering: time per chart (Vega-Lite compile → Vega SVG → resvg PNG at the sent 2× scale) and PNG
 * size, for a busy day and a quiet one. The hand-written renderer this replaced (5×7 pixel font, no sentiment
 * stacking, no week) took ~10 ms and 4.3 KB busy / ~8 ms and 2.4 KB quiet on this machine.   npx tsx bench/digest-chart.ts
 */
import { renderDigestChart } from '../src/reports/digest-chart.js';
import type { TDigestDay } from '../src/reports/digest.js';

export interface TChartBenchRow {
  day: 'busy' | 'quiet';
  p50Ms: number;
  p95Ms: number;
  pngBytes: number;
  width: number;
  height: number;
}

const DATES = ['2026-11-15', '2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22'];

function digest(busy: boolean) {
  const hourly = Array.from({ length: 24 }, (_, hour) => {
    const total = busy ? Math.round(20 + 15 * Math.sin(hour / 3)) : 0;
    const negative = busy ? hour % 7 : 0;
    const positive = busy ? hour % 4 : 0;
    return { hour, total, negative, positive, neutral: Math.max(0, total - negative - positive) };
  });
  const trend: TDigestDay[] = DATES.map((date, i) => ({ date, negative: 10 + i, neutral: 300 + 20 * i, positive: 40, medianFirstResponseMinutes: 20 + i * 3 }));
  if (!busy) trend[7] = { date: DATES[7]!, negative: 0, neutral: 0, positive: 0, medianFirstResponseMinutes: null };
  return { date: '2026-11-22', timeZone: 'Europe/London', hourly, trend };
}

export async function benchDigestChart(runs = 30): Promise<TChartBenchRow[]> {
  const rows: TChartBenchRow[] = [];
  for (const day of ['busy', 'quiet'] as const) {
    const d = digest(day === 'busy');
    for (let i = 0; i < 3; i++) await renderDigestChart(d, { heading: 'Social care' }); // warm-up: fonts, JIT
    const times: number[] = [];
    let last: Awaited<ReturnType<typeof renderDigestChart>> | undefined;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      last = await renderDigestChart(d, { heading: 'Social care' });
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    rows.push({ day, p50Ms: times[Math.floor(runs / 2)]!, p95Ms: times[Math.ceil(runs * 0.95) - 1]!, pngBytes: last!.png.length, width: last!.width, height: last!.height });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await benchDigestChart()) console.log(`${r.day}: p50 ${r.p50Ms.toFixed(1)} ms, p95 ${r.p95Ms.toFixed(1)} ms, ${(r.pngBytes / 1024).toFixed(1)} KB, ${r.width}×${r.height}`);
}
