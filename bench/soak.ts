/**
 * Soak (issue 14 item 12): the real `earshot start` in a child process on a fresh SQLite file (or PostgreSQL with
 * `--pg`), Slack configured against the fake Slack and replies going to a fake generic bridge — both outside the
 * server, as Slack and a platform are. Steady open-loop ingest of signed single-mention webhooks (default 250/s) with
 * staff actions mixed in (claims and replies clicked on the cards as Slack posts them). Every `--sample` seconds it
 * records the server's RSS, its event-loop delay p99 (prom-client's histogram, reset by each scrape), the outbox's
 * depth and oldest pending age, the inbox depth and the database size; at the end it compares the last quarter with
 * the second and flags what grew without bound.
 *   npx tsx bench/soak.ts [--minutes 30] [--rate 250] [--sample 30] [--pg]      (also `npm run bench -- --soak`)
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { devMentions } from '../test/helpers/dev-mentions.js';
import { send } from './http-load.js';
import { SLACK_SIGNING_SECRET, startServer, webhook, type TServer } from './intake.js';

const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Who acts on each team's cards (config/org-chart.example.yaml): responders who need no approval. */
const ACTOR: Record<string, string> = { C07SOCIAL01: 'U07TOM0001', C07NETOPS01: 'U07ANA0001', C07BILLING1: 'U07JO00001', C07SALES001: 'U07RAE0001' };

export interface TSoakSample {
  atS: number;
  rssMiB: number;
  loopP99Ms: number;
  loopMaxMs: number;
  outboxDepth: number;
  outboxOldestS: number;
  /** Card posts parked in channel backlogs (src/outbox/channel-backlog.ts): kept, counted on backlog cards. */
  parked: number;
  /** The largest outbox kinds waiting, e.g. "chat.deliver 180, card.post 12". */
  outboxKinds: string;
  inboxDepth: number;
  dbMiB: number;
  sent: number;
  acked: number;
}

export interface TSoakResult {
  minutes: number;
  rate: number;
  samples: TSoakSample[];
  acked: number;
  refused: number;
  failed: number;
  /** Failed requests by status or socket error code. */
  failures: Record<string, number>;
  claims: number;
  replies: number;
  repliesDelivered: number;
  flags: string[];
}

/** A platform's reply API behind the generic connector: answers each callback with the id it "posted". */
async function startFakeBridge() {
  let n = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      n++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ externalId: `bridge-${n}`, url: `https://bridge.example/p/${n}` }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/replies`, delivered: () => n, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const metric = (text: string, name: string, labels = ''): number => {
  const m = new RegExp(`^${name}${labels ? `\\{${labels}\\}` : ''} ([0-9.eE+-]+)$`, 'm').exec(text);
  return m ? Number(m[1]) : 0;
};
const sumOf = (text: string, name: string): number => [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.eE+-]+)$`, 'gm'))].reduce((s, m) => s + Number(m[1]), 0);

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
}

/** What is growing without bound: the last quarter's mean well above the second quarter's, and still at its peak. */
export function growthFlags(samples: readonly TSoakSample[]): string[] {
  if (samples.length < 8) return ['too few samples to judge growth (run longer or sample more often)'];
  const q = Math.floor(samples.length / 4);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const flags: string[] = [];
  const check = (label: string, pick: (s: TSoakSample) => number, ratio: number, floor: number) => {
    const second = mean(samples.slice(q, 2 * q).map(pick));
    const last = mean(samples.slice(-q).map(pick));
    const end = pick(samples.at(-1)!);
    if (last > Math.max(floor, second * ratio) && end >= Math.max(...samples.slice(0, -q).map(pick))) {
      flags.push(`${label} keeps growing: ${second.toFixed(1)} (2nd quarter) → ${last.toFixed(1)} (last quarter), ${end.toFixed(1)} at the end`);
    }
  };
  check('RSS (MiB)', (s) => s.rssMiB, 1.25, 0);
  check('event-loop p99 (ms)', (s) => s.loopP99Ms, 2, 100);
  check('inbox depth', (s) => s.inboxDepth, 2, 2000);
  check('outbox depth', (s) => s.outboxDepth, 1.5, 500);
  check('outbox oldest pending age (s)', (s) => s.outboxOldestS, 1.5, 60);
  // The database grows with what it stores; per mention it must not.
  const perMention = (s: TSoakSample) => (s.acked ? (s.dbMiB * 2 ** 20) / s.acked : 0);
  const a = perMention(samples[q]!);
  const b = perMention(samples.at(-1)!);
  if (a > 0 && b > a * 1.5) flags.push(`database bytes per stored mention grew ${a.toFixed(0)} → ${b.toFixed(0)}`);
  return flags;
}

export async function soak(o: { minutes: number; rate: number; sampleS: number; databaseUrl?: string; log?: (line: string) => void }): Promise<TSoakResult> {
  const log = o.log ?? ((l: string) => console.log(l));
  const dir = mkdtempSync(path.join(tmpdir(), 'earshot-soak-'));
  const dbFile = `${dir}/earshot.db`;
  const bridge = await startFakeBridge();
  const server: TServer = await startServer(here, o.databaseUrl ?? `file:${dbFile}`, { GENERIC_CALLBACK_URL: bridge.url, REPLY_RANKING: 'words' });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const scrapeAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const t0 = performance.now();
  const endAt = t0 + o.minutes * 60_000;
  let sent = 0;
  let acked = 0;
  let refused = 0;
  let failed = 0;
  const failures: Record<string, number> = {};
  let inFlight = 0;
  let claims = 0;
  let replies = 0;
  const samples: TSoakSample[] = [];

  const dbMiB = async (): Promise<number> => {
    if (!o.databaseUrl) return ['', '-wal'].reduce((s, x) => { try { return s + statSync(dbFile + x).size; } catch { return s; } }, 0) / 2 ** 20;
    const { Client } = await import('pg');
    const c = new Client({ connectionString: o.databaseUrl });
    await c.connect();
    try {
      return Number((await c.query('SELECT pg_database_size(current_database()) AS n')).rows[0].n) / 2 ** 20;
    } finally {
      await c.end();
    }
  };
  const sample = async () => {
    const text = (await send(scrapeAgent, server.port, { method: 'GET', path: '/metrics' })).body;
    const s: TSoakSample = {
      atS: (performance.now() - t0) / 1000,
      rssMiB: rssMiB(server.child.pid!),
      loopP99Ms: metric(text, 'nodejs_eventloop_lag_p99_seconds') * 1000,
      loopMaxMs: metric(text, 'nodejs_eventloop_lag_max_seconds') * 1000,
      outboxDepth: sumOf(text, 'earshot_outbox_depth'),
      outboxOldestS: metric(text, 'earshot_outbox_oldest_pending_age_seconds'),
      parked: sumOf(text, 'earshot_outbox_parked'),
      outboxKinds: [...text.matchAll(/^earshot_outbox_depth\{kind="([^"]+)"\} ([0-9.eE+-]+)$/gm)].map((m) => [m[1]!, Number(m[2])] as const).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k, n]) => `${k} ${n}`).join(', '),
      inboxDepth: metric(text, 'earshot_inbox_depth'),
      dbMiB: await dbMiB(),
      sent,
      acked,
    };
    samples.push(s);
    log(`soak t=${s.atS.toFixed(0)}s sent ${s.sent} acked ${s.acked} | RSS ${s.rssMiB.toFixed(0)} MiB | loop p99 ${s.loopP99Ms.toFixed(0)} ms max ${s.loopMaxMs.toFixed(0)} ms | outbox ${s.outboxDepth} (${s.outboxKinds || '—'}) oldest ${s.outboxOldestS.toFixed(0)} s, parked ${s.parked} | inbox ${s.inboxDepth} | db ${s.dbMiB.toFixed(1)} MiB`);
  };

  // Ingest: open loop, `rate` a second in 100 ms ticks; a request still unanswered does not hold back the next tick
  // (a real sender does not wait for others), but at most 256 are in flight, so an overloaded server shows as a
  // shortfall in `acked` rather than as an unbounded pile of sockets here.
  let pool = devMentions(0);
  let round = 0;
  const next = () => {
    if (pool.length === 0) {
      // Fresh ids, authors partly recurring, posted "now" so triage's window and the SLA clocks see live traffic.
      pool = devMentions(20_000, { prefix: `soak${round++}`, authors: 5000, start: new Date().toISOString() }).map((m) => ({ ...m, platform: 'generic' as const })).reverse();
    }
    return pool.pop()!;
  };
  const ingest = (async () => {
    let due = 0;
    for (let tick = 0; performance.now() < endAt; tick++) {
      due += o.rate / 10;
      for (; due >= 1 && inFlight < 256; due--) {
        sent++;
        inFlight++;
        void send(agent, server.port, webhook(next()))
          .then((r) => {
            if (r.status === 202) acked++;
            else if (r.status === 429 || r.status === 503) refused++;
            else {
              failed++;
              failures[r.status] = (failures[r.status] ?? 0) + 1;
            }
          })
          .catch((err: unknown) => {
            failed++;
            const why = (err as { code?: string }).code ?? 'error';
            failures[why] = (failures[why] ?? 0) + 1;
          })
          .finally(() => inFlight--);
      }
      const wait = t0 + (tick + 1) * 100 - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  })();

  // Staff: every 2 s someone claims a card; every 10 s someone replies to one through the Reply modal.
  const slackPost = (form: URLSearchParams) => {
    const body = form.toString();
    const ts = String(Math.floor(Date.now() / 1000));
    const sig = `v0=${createHmac('sha256', SLACK_SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
    return send(agent, server.port, { method: 'POST', path: '/slack/events', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': sig }, body });
  };
  const user = (id: string) => ({ id, username: id, name: id, team_id: 'T0EARSHOT' });
  const click = (userId: string, actionId: string, caseId: string, msg: { channel: string; ts: string }) =>
    slackPost(new URLSearchParams({
      payload: JSON.stringify({
        type: 'block_actions', user: user(userId), api_app_id: 'A0EARSHOT', token: 'legacy', team: { id: 'T0EARSHOT', domain: 'acme' }, trigger_id: server.slack.trigger(),
        response_url: server.slack.responseUrl(), channel: { id: msg.channel }, message: { ts: msg.ts, type: 'message' }, container: { type: 'message', channel_id: msg.channel, message_ts: msg.ts },
        actions: [{ type: 'button', action_id: actionId, block_id: 'b', value: caseId, action_ts: '1' }],
      }),
    }));
  let acted = 0;
  const cards = () => server.slack.messages.filter((m) => !m.thread_ts && ACTOR[m.channel]);
  const caseOf = (m: { blocks: Record<string, unknown>[] }) => /^case:([^:]+):/.exec(String(m.blocks.find((b) => String(b.block_id).startsWith('case:'))?.block_id ?? ''))?.[1];
  const staff = (async () => {
    for (let i = 0; performance.now() < endAt; i++) {
      await new Promise((r) => setTimeout(r, 2000));
      const all = cards();
      const card = all[acted++ % Math.max(1, all.length)];
      const caseId = card && caseOf(card);
      if (!card || !caseId) continue;
      const who = ACTOR[card.channel]!;
      if (i % 5 !== 4) {
        if ((await click(who, 'case.claim', caseId, card).catch(() => ({ status: 0 }))).status === 200) claims++;
        continue;
      }
      const before = server.slack.views.length;
      await click(who, 'case.reply', caseId, card).catch(() => undefined);
      for (let w = 0; w < 50 && server.slack.views.length === before; w++) await new Promise((r) => setTimeout(r, 100));
      const view = server.slack.views.at(-1);
      const block = view && JSON.stringify(view.view).match(/"block_id":"(reply_text[^"]*)"/)?.[1];
      if (!view || view.trigger_id === undefined || !block) continue;
      const res = await slackPost(new URLSearchParams({
        payload: JSON.stringify({
          type: 'view_submission', user: user(who), api_app_id: 'A0EARSHOT', token: 'legacy', team: { id: 'T0EARSHOT', domain: 'acme' }, trigger_id: server.slack.trigger(),
          view: { id: view.id, hash: view.hash, team_id: 'T0EARSHOT', type: 'modal', ...view.view, state: { values: { [block]: { 'reply.text': { type: 'plain_text_input', value: `Sorry about that — we are looking into it (${i}).` } } } } },
        }),
      })).catch(() => ({ status: 0 }));
      if (res.status === 200) replies++;
    }
  })();

  await sample();
  const sampler = (async () => {
    for (let k = 1; ; k++) {
      const wait = t0 + k * o.sampleS * 1000 - performance.now();
      if (t0 + k * o.sampleS * 1000 > endAt) break;
      await new Promise((r) => setTimeout(r, wait));
      await sample().catch((err: unknown) => log(`soak: sample failed: ${String(err)}`));
    }
  })();
  await Promise.all([ingest, staff, sampler]);
  while (inFlight > 0) await new Promise((r) => setTimeout(r, 50));
  await sample();
  const result: TSoakResult = { minutes: o.minutes, rate: o.rate, samples, acked, refused, failed, failures, claims, replies, repliesDelivered: bridge.delivered(), flags: growthFlags(samples) };
  agent.destroy();
  scrapeAgent.destroy();
  await server.stop();
  await bridge.close();
  rmSync(dir, { recursive: true, force: true });
  return result;
}

export function soakReport(r: TSoakResult): string[] {
  const first = r.samples[0]!;
  const last = r.samples.at(-1)!;
  const achieved = r.acked / (r.minutes * 60);
  const row = (label: string, pick: (s: TSoakSample) => number, unit: string) => `| ${label} | ${pick(first).toFixed(1)} ${unit} | ${pick(last).toFixed(1)} ${unit} | ${Math.max(...r.samples.map(pick)).toFixed(1)} ${unit} |`;
  return [
    `Soak: ${r.minutes} min at ${r.rate} mentions/s offered: ${r.acked.toLocaleString('en')} acked (${achieved.toFixed(0)}/s${achieved >= 200 ? '' : ' **(below 200/s)**'}), ${r.refused} refused with Retry-After, ${r.failed} failed${r.failed ? ` (${Object.entries(r.failures).map(([k, v]) => `${k}: ${v}`).join(', ')})` : ''}; staff: ${r.claims} claims, ${r.replies} replies submitted, ${r.repliesDelivered} delivered to the platform.`,
    '',
    '| measure | start | end | worst |',
    '|---|---|---|---|',
    row('server RSS', (s) => s.rssMiB, 'MiB'),
    row('event-loop delay p99 (per sample)', (s) => s.loopP99Ms, 'ms'),
    row('event-loop delay max (per sample)', (s) => s.loopMaxMs, 'ms'),
    row('outbox depth', (s) => s.outboxDepth, ''),
    row('outbox oldest pending', (s) => s.outboxOldestS, 's'),
    row('card posts parked in channel backlogs', (s) => s.parked, ''),
    row('inbox depth', (s) => s.inboxDepth, ''),
    row('database size', (s) => s.dbMiB, 'MiB'),
    '',
    r.flags.length ? `**Growing without bound:** ${r.flags.join('; ')}.` : 'Nothing grew without bound (last quarter vs second quarter).',
  ];
}

/** The command line: `--minutes` (default 30), `--rate` (default 250/s), `--sample` seconds, `--pg`. */
export async function soakMain(args: string[]): Promise<TSoakResult> {
  const { values } = parseArgs({ args, options: { minutes: { type: 'string' }, rate: { type: 'string' }, sample: { type: 'string' }, pg: { type: 'boolean' } } });
  const minutes = Number(values.minutes ?? 30);
  const rate = Number(values.rate ?? 250);
  const sampleS = Number(values.sample ?? Math.max(5, Math.min(30, (minutes * 60) / 40)));
  let result: TSoakResult;
  if (values.pg) {
    const { createScratchPgDatabase, DEFAULT_PG_SCRATCH_URL } = await import('../src/store/pg-scratch-database.js');
    const { migrateDatabase } = await import('../src/store/migrate.js');
    const pg = await createScratchPgDatabase(process.env.EARSHOT_PG_SCRATCH_URL || DEFAULT_PG_SCRATCH_URL, 'earshot_soak');
    try {
      await migrateDatabase({ databaseUrl: pg.url });
      result = await soak({ minutes, rate, sampleS, databaseUrl: pg.url });
    } finally {
      await pg.drop();
    }
  } else result = await soak({ minutes, rate, sampleS });
  console.log(soakReport(result).join('\n'));
  return result;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await soakMain(process.argv.slice(2));
