/**
 * `npm run bench`: runs every benchmark and writes bench/report.md. Figures come from a shared 2-core machine:
 * compare ratios within one run, not absolute numbers across runs.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { benchTriage } from './triage.js';

const triage = await benchTriage();
const lines = [
  '# Earshot benchmark report',
  '',
  `Run ${new Date().toISOString()} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}.`,
  'Shared, noisy machine: compare ratios within one run.',
  '',
  '| benchmark | figure | target |',
  '|---|---|---|',
  `| triage throughput (one core) | ${Math.round(triage.mentionsPerSecond).toLocaleString('en')} mentions/s | ≥ 20,000 |`,
  `| triage p99 latency | ${Math.round(triage.p99Micros)} µs | – |`,
  '',
  `Triage: ${triage.n.toLocaleString('en')} mentions. ${triage.notes}`,
  '',
];
writeFileSync(new URL('./report.md', import.meta.url), lines.join('\n'));
console.log(lines.join('\n'));
