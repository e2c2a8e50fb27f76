/**
 * `npm run bench`: runs every benchmark and writes bench/report.md. Figures come from a shared 2-core machine:
 * compare ratios within one run, not absolute numbers across runs.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { benchAcknowledge } from './acknowledge.js';
import { benchDigestChart } from './digest-chart.js';
import { benchIntake, intakeReport } from './intake.js';
import { benchSlashStats } from './slash-stats.js';
import { benchStats } from './stats.js';
import { benchFullTriage, benchTriage } from './triage.js';

// `npm run bench -- --soak [--minutes 30] [--rate 250] [--pg]`: the soak alone (bench/soak.ts), 30 minutes by default.
if (process.argv.includes('--soak')) {
  const { soakMain } = await import('./soak.js');
  await soakMain(process.argv.slice(2).filter((a) => a !== '--soak'));
  process.exit(0);
}

// First, before the 1M-case seed warms the disk cache for everything else. Alone: npx tsx bench/intake.ts
const intake = await benchIntake();
const triage = await benchTriage();
const full = await benchFullTriage();
const fullDistinct = await benchFullTriage(1536, { distinct: true });
const stats = await benchStats();
const slash = await benchSlashStats();
const chart = await benchDigestChart();
const ack = await benchAcknowledge();
const lines = [
  '# Earshot benchmark report',
  '',
  `Run ${new Date().toISOString()} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}.`,
  'Shared, noisy machine: compare ratios within one run.',
  '',
  '| benchmark | figure | target |',
  '|---|---|---|',
  `| triage throughput (one core) | ${Math.round(triage.mentionsPerSecond).toLocaleString('en')} mentions/s (${triage.mentionsPerCpuSecond.toLocaleString('en')} per CPU-second) | ≥ 20,000 |`,
  `| triage p99 latency | ${Math.round(triage.p99Micros)} µs | – |`,
  `| full two-tier triage (one core, batches of 64) | ${full.mentionsPerSecond.toLocaleString('en')} mentions/s (${full.mentionsPerCpuSecond.toLocaleString('en')} per CPU-second) | ≥ 150 |`,
  `| full two-tier triage, distinct texts only | ${fullDistinct.mentionsPerSecond.toLocaleString('en')} mentions/s (${fullDistinct.mentionsPerCpuSecond.toLocaleString('en')} per CPU-second) | ≥ 150 |`,
  `| stats (computeStats) worst p95 | ${Math.round(stats.worstP95)} ms | < 300 ms |`,
  ...intakeReport(intake).rows,
  `| incident: Acknowledge publicly over ${ack.members} members (SQLite) | preview ${Math.round(ack.previewMs)} ms, queued in ${(ack.queueMs / 1000).toFixed(1)} s, ${ack.repliesPerSecond.toFixed(1)} replies/s against a declared ${ack.declaredPerSecond}/s | each author once, at the platform's pace |`,
  '',
  ...intakeReport(intake).notes,
  '',
  `Triage: ${triage.n.toLocaleString('en')} mentions. ${triage.notes}`,
  `Full two-tier triage: ${full.n.toLocaleString('en')} mentions; encoder and heads loaded in ${full.loadMs} ms; ${full.notes}; distinct: ${fullDistinct.notes}.`,
  '',
  '| cases | teams | period | p50 ms | p95 ms |',
  '|---|---|---|---|---|',
  ...stats.rows.map((r) => `| ${r.cases.toLocaleString('en')} | ${r.teams} | ${r.period} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} |`),
  '',
  ...stats.seeded.map((s) => `Stats: ${s.cases.toLocaleString('en')} cases ${s.seededMs === null ? 'from bench/.cache' : `seeded in ${Math.round(s.seededMs / 1000)} s`}; rollup built cold in ${(s.rollupBuildMs / 1000).toFixed(1)} s.`),
  `Stats: ${stats.notes}.`,
  '',
  '`/social stats` end to end at 1,000,000 cases: signed slash command over loopback HTTP → ack → answer posted to response_url (Slack allows 3 s for the ack).',
  '',
  '| command | ack p95 ms | answer p50 ms | answer p95 ms |',
  '|---|---|---|---|',
  ...slash.map((r) => `| /social ${r.text} | ${r.ackP95.toFixed(1)} | ${r.answerP50.toFixed(1)} | ${r.answerP95.toFixed(1)} |`),
  '',
  'Digest chart (Vega-Lite → SVG → resvg PNG at 2×), once per manager per day; the pixel-font renderer it replaced took ~10 ms for 4.3 KB.',
  '',
  '| day | p50 ms | p95 ms | PNG KB | pixels |',
  '|---|---|---|---|---|',
  ...chart.map((r) => `| ${r.day} | ${r.p50Ms.toFixed(1)} | ${r.p95Ms.toFixed(1)} | ${(r.pngBytes / 1024).toFixed(1)} | ${r.width}×${r.height} |`),
  '',
];
writeFileSync(new URL('./report.md', import.meta.url), lines.join('\n'));
console.log(lines.join('\n'));
