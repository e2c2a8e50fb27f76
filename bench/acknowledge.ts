/**
 * Acknowledge publicly over a 600-member incident on SQLite: how long the preview and the send (every reply, audit row
 * and outbox item in one transaction) take, then how fast the outbox posts the replies against the platform's declared
 * pace (a recording platform declaring 50/s, bursts of 50 — the send rate should sit just under it, not above).
 *   npx tsx bench/acknowledge.ts
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadEnv } from '../src/config/env.js';
import { parseOrgChart } from '../src/config/load-org-chart.js';
import type { TConnector } from '../src/connectors/connector.js';
import { createEarshot } from '../src/earshot.js';
import { ZAckAudience } from '../src/incidents/ack-audience.js';
import { acknowledgeIncident, previewAcknowledgement } from '../src/incidents/acknowledge-incident.js';
import { createMemoryLogger } from '../src/log.js';
import type { TPlatform } from '../src/mention.js';
import { openDatabase } from '../src/store/client.js';
import { migrateDatabase } from '../src/store/migrate.js';
import { EXAMPLE_ORG_CHART } from '../src/store/paths.js';

export interface TAckBench { members: number; previewMs: number; queueMs: number; repliesPerSecond: number; declaredPerSecond: number }

export async function benchAcknowledge(members = 600): Promise<TAckBench> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'earshot-ack-bench-'));
  const url = `file:${path.join(dir, 'bench.db')}`;
  await migrateDatabase({ databaseUrl: url });
  const db = await openDatabase(url);
  try {
    const orgChart = parseOrgChart(readFileSync(EXAMPLE_ORG_CHART, 'utf8'), EXAMPLE_ORG_CHART);
    const now = new Date();
    const incident = await db.incident.create({ data: { clusterId: 'bench', team: 'network-ops', category: 'outage', title: 'Outage: bench', firstSeenAt: now, lastSeenAt: now, count: members, ratePerMinute: 1, reach: 0, platforms: '{}', sentiment: '{}', samples: '[]', topAuthors: '[]', createdAt: now, updatedAt: now } });
    for (let i = 0; i < members; i++) {
      const author = await db.author.create({ data: { platform: 'x', handle: `bench_${i}`, displayName: `Person ${i}`, followers: i, firstSeenAt: now, lastSeenAt: now } });
      const c = await db.case.create({ data: { status: 'new', platform: 'x', threadKey: `t${i}`, authorId: author.id, sentiment: 'negative', sentimentScore: -0.5, complaint: true, offensive: false, category: 'outage', lang: 'en', decision: 'respond', priority: 'P2', priorityScore: 0.5, reasons: '[]', team: 'network-ops', incidentId: incident.id, createdAt: now, updatedAt: now } });
      await db.mention.create({ data: { platform: 'x', externalId: `m${i}`, text: 'internet down', postedAt: now, receivedAt: now, authorId: author.id, threadKey: `t${i}`, caseId: c.id } });
    }
    const declaredPerSecond = 50;
    const sent: number[] = [];
    const platform: TConnector = { id: 'x', rateLimit: { perSecond: declaredPerSecond, burst: 50 }, async reply() { sent.push(Date.now()); return { externalId: `r${sent.length}` }; } };
    const earshot = createEarshot({ env: loadEnv({}), orgChart, db, log: createMemoryLogger('error'), connectors: new Map<TPlatform, TConnector>([['x', platform]]) });
    const o = { incidentId: incident.id, actorId: 'dev', text: 'Sorry {name}, we are on it.', audience: ZAckAudience.parse({}) };
    const deps = { db, orgChart, now: () => new Date() };
    let t = performance.now();
    await previewAcknowledgement(deps, o);
    const previewMs = performance.now() - t;
    t = performance.now();
    await acknowledgeIncident(deps, o);
    const queueMs = performance.now() - t;
    const started = Date.now();
    while (sent.length < members && Date.now() - started < 120_000) if ((await earshot.dispatcher.runOnce()) === 0) await new Promise((r) => setTimeout(r, 20));
    // After the burst, the rate the platform saw.
    const after = sent.slice(50);
    const repliesPerSecond = after.length > 1 ? ((after.length - 1) * 1000) / (after.at(-1)! - after[0]!) : 0;
    return { members, previewMs: Math.round(previewMs), queueMs: Math.round(queueMs), repliesPerSecond: Math.round(repliesPerSecond * 10) / 10, declaredPerSecond };
  } finally {
    await db.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchAcknowledge();
  console.log(JSON.stringify({ ...r, loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100) }));
  process.exit(0);
}
