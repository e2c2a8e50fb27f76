/**
 * Fingerprint of the fast engine's decisions, for speed work that must not change a single one:
 *   npx tsx scripts/triage/fast-fingerprint.ts            prints one SHA-256 per corpus and the lines hashed
 *   npx tsx scripts/triage/fast-fingerprint.ts --dump F    also writes every decision as a JSON line to F (to diff)
 * Corpora: the decision set (each split through its own session, as eval does), every dev-data source
 * (one session per file, in file order), and the throughput bench's 40,000-mention mix.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parse } from 'yaml';
import { ZOrgChart } from '../../src/config/org-chart-schema.js';
import type { TMention } from '../../src/mention.js';
import { createTriageSession } from '../../src/triage/index.js';
import { buildMix } from '../../bench/triage.js';
import { loadDecisionSet } from './decision-set.js';
import { loadSource, SEMEVAL_POOL, TASK_SOURCES } from './data.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const orgChart = ZOrgChart.parse(parse(readFileSync(path.join(root, 'config/org-chart.example.yaml'), 'utf8')));
const dumpAt = process.argv.indexOf('--dump');
const dump: string[] = [];

function fingerprint(name: string, mentions: readonly TMention[]): void {
  const session = createTriageSession(orgChart);
  const h = createHash('sha256');
  for (const m of mentions) {
    const line = JSON.stringify(session.triage(m));
    h.update(line).update('\n');
    if (dumpAt >= 0) dump.push(`${name}\t${line}`);
  }
  console.log(`${h.digest('hex').slice(0, 16)}  ${name} (${mentions.length})`);
}

const set = loadDecisionSet(orgChart);
for (const split of ['tune', 'holdout'] as const) fingerprint(`decision-set ${split}`, set.filter((r) => r.split === split).map((r) => r.mention));
const start = Date.parse('2026-03-02T08:00:00Z');
for (const source of [...new Set([...Object.values(TASK_SOURCES).flat(), SEMEVAL_POOL])]) {
  fingerprint(source, loadSource(source).map((r, i) => ({
    platform: 'x', externalId: r.externalId, text: r.text, createdAt: new Date(start + i * 1000).toISOString(), author: { handle: `u${i % 997}` },
  })));
}
fingerprint('bench mix', buildMix(40_000));
if (dumpAt >= 0) writeFileSync(process.argv[dumpAt + 1]!, dump.join('\n') + '\n');
