/**
 * `/social stats` end to end on the 1M-case database: a signed slash command posted to the real Earshot server on a
 * loopback port, Bolt acks, computes the stats and posts the answer to response_url (a local stand-in for Slack).
 * Measures what a staff member waits for: from the POST leaving to the answer arriving. Slack's limit for the ack is
 * 3 s; the answer itself may take up to 30 min by Slack's rules, but should feel instant.   npx tsx bench/slash-stats.ts
 */
import { serve } from '@hono/node-server';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { loadEnv } from '../src/config/env.js';
import { ZOrgChart } from '../src/config/org-chart-schema.js';
import { createEarshot } from '../src/earshot.js';
import { createLogger } from '../src/log.js';
import { openDatabase } from '../src/store/client.js';
import { FAKE_BOT_TOKEN, startFakeSlack } from '../test/bot/slack/fake-slack-api.js';
import { cachedSeed, SEED_VERSION } from './seed-cases.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NOW = new Date('2026-11-23T12:00:00Z');
const SECRET = '0123456789abcdef0123456789abcdef';
/** Tom, a social-care responder in config/org-chart.example.yaml. */
const TOM = 'U07TOM0001';

export interface TSlashRow {
  text: string;
  ackP95: number;
  answerP50: number;
  answerP95: number;
  runs: number;
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0;

export async function benchSlashStats(n = 1_000_000, runs = 20): Promise<TSlashRow[]> {
  const orgChart = ZOrgChart.parse(parse(readFileSync(path.join(root, 'config/org-chart.example.yaml'), 'utf8')));
  const file = path.join(root, 'bench/.cache', `cases-${SEED_VERSION}-${n}.db`);
  await cachedSeed(file, { n, now: NOW });
  const db = await openDatabase(`file:${file}`);
  const slack = await startFakeSlack();
  const env = loadEnv({ SLACK_BOT_TOKEN: FAKE_BOT_TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.apiUrl });
  const earshot = createEarshot({ env, orgChart, db, log: createLogger({ level: 'warn' }), now: () => NOW, connectors: new Map() });
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: earshot.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s as Server)) as Server;
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  const rows: TSlashRow[] = [];
  try {
    for (const text of ['stats all today', 'stats all 7d', 'stats all 30d', 'stats social-care 30d']) {
      const ack: number[] = [];
      const answer: number[] = [];
      for (let i = -3; i < runs; i++) {
        const body = new URLSearchParams({
          token: 'legacy', team_id: 'T0EARSHOT', channel_id: 'C07SOCIAL01', user_id: TOM, user_name: 'tom', command: '/social', text,
          api_app_id: 'A0EARSHOT', response_url: slack.responseUrl(`bench-${rows.length}-${i}`), trigger_id: 'bench',
        }).toString();
        const ts = String(Math.floor(NOW.getTime() / 1000));
        const sig = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
        const before = slack.responses.length;
        const t0 = performance.now();
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': sig },
          body,
        });
        await res.text();
        const t1 = performance.now();
        await earshot.slackIdle();
        const t2 = performance.now();
        if (slack.responses.length === before) throw new Error(`"/social ${text}" posted no answer to response_url`);
        // The first three runs warm the JIT and the parsed-rollup cache, as any running server would be.
        if (i >= 0) {
          ack.push(t1 - t0);
          answer.push(t2 - t0);
        }
      }
      rows.push({ text, ackP95: quantile(ack, 0.95), answerP50: quantile(answer, 0.5), answerP95: quantile(answer, 0.95), runs });
    }
  } finally {
    await new Promise((r) => server.close(r));
    await slack.close();
    await db.$disconnect();
  }
  return rows;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const r of await benchSlashStats(Number(process.argv[2] ?? 1_000_000))) {
    console.log(`/social ${r.text}: ack p95 ${r.ackP95.toFixed(1)} ms, answer p50 ${r.answerP50.toFixed(1)} ms, p95 ${r.answerP95.toFixed(1)} ms`);
  }
}
