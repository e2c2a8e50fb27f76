import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { openDatabase } from '../../src/store/client.js';
import { startSandboxServer } from '../sandbox/sandbox-server.js';
import { ordinaryMentions, outageSurge } from './surge-mentions.js';

const NETOPS_SLACK = 'C07NETOPS01';
const NETOPS_TEAMS = '19:network-ops@thread.sandbox';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type TSeen = { at: number; count?: number };

/** The incident card's member count as a surface shows it ("*Mentions*\n612 (…)" / "Mentions: 612 (…)"). */
const countOf = (json: string): number | undefined => {
  const m = /Mentions[^0-9]{1,20}(\d+) \(/.exec(json);
  return m ? Number(m[1]) : undefined;
};

/**
 * Issue 18's "Done when" over real HTTP: the whole server (`earshot start` with its sandbox), mentions posted to the
 * signed generic webhook, cards posted through the real Slack and Teams surfaces to the sandbox's Slack Web API (HTTP 429
 * past about one message a second per channel) and Bot Connector, and the channels read back the way the page reads them.
 */
describe('surge drill', () => {
  it('600 near-identical outage reports among 20 ordinary mentions: ≤ 5 outage cards per channel, a fresh incident card, ordinary cards within 15 s, no dead letters', async () => {
    const s = await startSandboxServer({ OUTBOX_POLL_MS: '100' }, { keepDir: !!process.env.EARSHOT_DRILL_DUMP });
    try {
      const slackFirst = new Map<string, TSeen>();
      const teamsFirst = new Map<string, TSeen>();
      let slackIncident: { at: number; count: number } | undefined;
      let teamsIncident: { at: number; count: number } | undefined;
      const fresh: { slack: number[]; teams: number[] } = { slack: [], teams: [] };
      let watching = true;
      let state: Record<string, any> = {};
      const watcher = (async () => {
        while (watching) {
          state = (await s.pageApi('/state?as=dev')).body;
          const at = Date.now();
          for (const m of state.slack.messages as Record<string, any>[]) {
            const json = JSON.stringify(m.blocks);
            const key = `${m.channel}:${m.ts}`;
            if (!slackFirst.has(key)) slackFirst.set(key, { at });
            if (json.includes('"incident:') && m.channel === NETOPS_SLACK && !m.thread_ts) {
              const n = countOf(json) ?? 0;
              if (!slackIncident || n > slackIncident.count) slackIncident = { at, count: n };
            }
          }
          for (const m of state.teams.messages as Record<string, any>[]) {
            const json = JSON.stringify(m.activity);
            if (!teamsFirst.has(m.id)) teamsFirst.set(m.id, { at });
            if (json.includes('"incident-') && m.channel === NETOPS_TEAMS && !m.replyToId) {
              const n = countOf(json) ?? 0;
              if (!teamsIncident || n > teamsIncident.count) teamsIncident = { at, count: n };
            }
          }
          await sleep(200);
        }
      })();

      // 620 mentions over 20 s: three outage reports every 100 ms, an ordinary mention every second.
      const now = () => new Date();
      const surge = outageSurge(600, now);
      const ordinary = ordinaryMentions(now);
      const sentAt = new Map<number, number>();
      const started = Date.now();
      for (let tick = 0; tick < 200; tick++) {
        const batch = surge.slice(tick * 3, tick * 3 + 3).map((m) => ({ ...m, createdAt: now().toISOString() }));
        const sends = batch.map((m) => s.postMention(m));
        if (tick % 10 === 5) {
          const i = (tick - 5) / 10;
          sentAt.set(i, Date.now());
          sends.push(s.postMention({ ...ordinary[i]!, createdAt: now().toISOString() }));
        }
        await Promise.all(sends);
        const next = started + (tick + 1) * 100;
        if (next > Date.now()) await sleep(next - Date.now());
      }
      const lastSent = Date.now();

      // The incident card catches up with ≥ 90 % of the surge within 30 s of the last mention, on both surfaces.
      const deadline = lastSent + 30_000;
      while (Date.now() < deadline && !((slackIncident?.count ?? 0) >= 540 && (teamsIncident?.count ?? 0) >= 540)) await sleep(250);
      fresh.slack.push(slackIncident?.count ?? 0);
      fresh.teams.push(teamsIncident?.count ?? 0);
      watching = false;
      await watcher;

      const slackMsgs = state.slack.messages as Record<string, any>[];
      const teamsMsgs = state.teams.messages as Record<string, any>[];
      const ordinaryLatency = (i: number) => {
        const mark = `[ord-${i}]`;
        const slack = slackMsgs.find((m) => !m.thread_ts && JSON.stringify(m.blocks).includes(mark));
        const teams = teamsMsgs.find((m) => !m.replyToId && JSON.stringify(m.activity).includes(mark));
        return {
          slack: slack ? slackFirst.get(`${slack.channel}:${slack.ts}`)!.at - sentAt.get(i)! : Infinity,
          teams: teams ? teamsFirst.get(teams.id)!.at - sentAt.get(i)! : Infinity,
        };
      };
      const latencies = ordinary.map((_, i) => ordinaryLatency(i));
      const outageSlack = slackMsgs.filter((m) => m.channel === NETOPS_SLACK && !m.thread_ts && /leeds/i.test(JSON.stringify(m.blocks)));
      const outageTeams = teamsMsgs.filter((m) => m.channel === NETOPS_TEAMS && !m.replyToId && /leeds/i.test(JSON.stringify(m.activity)));
      const metrics = await (await fetch(`${s.base}/metrics`)).text();
      const dead = metrics.split('\n').filter((l) => l.startsWith('earshot_outbox_dead_letters') && !/ 0$/.test(l));
      const figures = { outageCards: { slack: outageSlack.length, teams: outageTeams.length }, incident: { slack: slackIncident, teams: teamsIncident, lastSent }, worstOrdinaryMs: { slack: Math.max(...latencies.map((l) => l.slack)), teams: Math.max(...latencies.map((l) => l.teams)) }, sendMs: lastSent - started };
      // The drill's figures, for the report and a failing run's reader.
      process.stderr.write(`surge drill: ${JSON.stringify(figures)}\n`);
      if (process.env.EARSHOT_DRILL_DUMP) (await import('node:fs')).writeFileSync(process.env.EARSHOT_DRILL_DUMP, JSON.stringify({ figures, latencies, outageSlack, slack: slackMsgs.filter((m) => m.channel === NETOPS_SLACK).map((m) => ({ ts: m.ts, thread: m.thread_ts, text: m.text })) }, null, 1));

      expect(outageSlack.length).toBeLessThanOrEqual(5);
      expect(outageTeams.length).toBeLessThanOrEqual(5);
      expect(slackIncident!.count).toBeGreaterThanOrEqual(540);
      expect(slackIncident!.at - lastSent).toBeLessThanOrEqual(30_000);
      expect(teamsIncident!.count).toBeGreaterThanOrEqual(540);
      expect(teamsIncident!.at - lastSent).toBeLessThanOrEqual(30_000);
      for (const l of latencies) {
        expect(l.slack).toBeLessThanOrEqual(15_000);
        expect(l.teams).toBeLessThanOrEqual(15_000);
      }
      expect(dead).toEqual([]);
      // Hostile display names reach the card as text: no channel-wide ping.
      expect(JSON.stringify(slackMsgs.map((m) => [m.text, m.blocks]))).not.toContain('<!channel>');

      await acknowledgeOverTheIncident(s);
    } finally {
      await s.stop();
    }
  }, 300_000);
});

/**
 * "Acknowledge publicly" over the drill's incident, as a team lead clicks it in the sandbox's Slack: the preview names
 * the count, the confirm sends; every author gets one in-media reply, at the sandbox platform's declared pace
 * (5/s, bursts of 10: src/sandbox/platform-outbox.ts), and the card's progress reaches "N sent".
 */
async function acknowledgeOverTheIncident(s: Awaited<ReturnType<typeof startSandboxServer>>): Promise<void> {
  const state = async () => (await s.pageApi('/state?as=dev')).body;
  const card = (st: Record<string, any>) => (st.slack.messages as Record<string, any>[]).find((m) => m.channel === NETOPS_SLACK && !m.thread_ts && JSON.stringify(m.blocks).includes('"incident.ack.open"'))!;
  const first = card(await state());
  const button = (first.blocks as Record<string, any>[]).flatMap((b) => b.elements ?? []).find((e: Record<string, any>) => e.action_id === 'incident.ack.open');
  expect((await s.pageApi('/slack/action', { as: 'dev', channel: NETOPS_SLACK, ts: first.ts, action: { type: 'button', action_id: button.action_id, block_id: 'b', value: button.value } })).status).toBe(200);
  const compose = (await state()).slack.modal;
  expect(compose.view.callback_id).toBe('incident.ack.compose');
  await s.pageApi('/slack/submit', { as: 'dev', viewId: compose.id, values: { ack_text: { text: { type: 'plain_text_input', value: 'Sorry {name}, we know the internet is down in Leeds; engineers are on it.' } } } });
  const confirm = (await state()).slack.modal;
  const n = Number(/Reply to (\d+) authors on 1 platform\./.exec(JSON.stringify(confirm.view.blocks))?.[1]);
  expect(n).toBeGreaterThanOrEqual(540);
  const queuedAt = Date.now();
  await s.pageApi('/slack/submit', { as: 'dev', viewId: confirm.id, values: {} });
  const queueMs = Date.now() - queuedAt;

  // The page lists the latest 200 replies; at 5/s, reading it every 2 s sees each one.
  const seen = new Map<string, { inReplyTo: string; author: string; at: number }>();
  const deadline = Date.now() + 170_000;
  let progress = '';
  while (Date.now() < deadline) {
    const st = await state();
    for (const e of st.outbox as Record<string, any>[]) if (e.visibility === 'public' && String(e.text).startsWith('Sorry ')) seen.set(e.id, { inReplyTo: e.inReplyTo, author: e.author, at: Date.parse(e.at) });
    progress = JSON.stringify(card(st).blocks);
    if (seen.size >= n && progress.includes(`${n} sent`)) break;
    await sleep(2000);
  }
  const replies = [...seen.values()].sort((a, b) => a.at - b.at);
  const paceMs = (replies.at(-1)!.at - replies[10]!.at) / (replies.length - 11);
  process.stderr.write(`surge drill acknowledgement: ${JSON.stringify({ authors: n, queueMs, sent: replies.length, msPerReplyAfterBurst: Math.round(paceMs) })}\n`);
  expect(replies).toHaveLength(n);
  expect(new Set(replies.map((r) => r.inReplyTo)).size).toBe(n);
  expect(new Set(replies.map((r) => r.author)).size).toBe(n);
  expect(paceMs).toBeGreaterThanOrEqual(190); // 5 per second, after the burst of 10
  expect(progress).toContain(`${n} sent`);
  const db = await openDatabase(`file:${path.join(s.dir, 'earshot.db')}`);
  try {
    expect(await db.reply.count({ where: { status: 'sent' } })).toBe(n);
    expect(await db.reply.count({ where: { status: { not: 'sent' } } })).toBe(0);
  } finally {
    await db.$disconnect();
  }
}
