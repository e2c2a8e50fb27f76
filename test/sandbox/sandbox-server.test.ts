import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { loadEnv } from '../../src/config/env.js';
import { runDemoCommand } from '../../src/demo/demo-command.js';
import { loadSampleTraffic } from '../../src/demo/sample-traffic.js';
import { ChangeFeed } from '../../src/sandbox/change-feed.js';
import { slackWebApi } from '../../src/sandbox/slack/slack-web-api.js';
import { TriggerBook } from '../../src/sandbox/slack/triggers.js';
import { SlackWorkspace } from '../../src/sandbox/slack/workspace.js';
import { startSandboxServer, WEBHOOK_SECRET } from './sandbox-server.js';

const TOKEN = 'xoxb-sandbox-test';

/** fetch may not set Host; a browser following a rebound DNS name would. */
function statusWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

function slackApi(now = () => 1_800_000_000_000) {
  const ws = new SlackWorkspace([{ id: 'C1', name: 'social-care', team: 'social-care' }], new Map([['U1', 'Priya']]), new ChangeFeed());
  const app = slackWebApi(ws, { token: TOKEN, now, triggers: new TriggerBook(now), onResponseUrl: () => false });
  const call = async (method: string, args: Record<string, unknown>, token = TOKEN) => {
    const res = await app.request(`/api/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(Object.fromEntries(Object.entries(args).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]))).toString(),
    });
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as Record<string, any> };
  };
  return { ws, call };
}

describe("the sandbox's Slack Web API keeps Slack's contract", () => {
  it('posts and updates messages, refusing with HTTP 200 and ok:false as Slack does', async () => {
    const { ws, call } = slackApi();
    const posted = await call('chat.postMessage', { channel: 'C1', text: 'hi', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }] });
    expect(posted).toMatchObject({ status: 200, body: { ok: true, channel: 'C1' } });
    expect(await call('chat.update', { channel: 'C1', ts: posted.body.ts, text: 'edited' })).toMatchObject({ body: { ok: true } });
    expect(ws.messages[0]).toMatchObject({ text: 'edited', edits: 1 });
    expect(await call('chat.postMessage', { channel: 'C9', text: 'x' })).toMatchObject({ status: 200, body: { ok: false, error: 'channel_not_found' } });
    expect(await call('chat.postMessage', { channel: 'C1', text: 'x' }, 'xoxb-wrong')).toMatchObject({ status: 200, body: { ok: false, error: 'invalid_auth' } });
    expect(await call('chat.update', { channel: 'C1', ts: '1.2', text: 'x' })).toMatchObject({ body: { ok: false, error: 'message_not_found' } });
    const tooMany = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    expect(await call('chat.postMessage', { channel: 'C1', text: 'x', blocks: tooMany })).toMatchObject({ body: { ok: false, error: 'invalid_blocks' } });
    expect(await call('no.such', {})).toMatchObject({ body: { ok: false, error: 'unknown_method' } });
  });

  it('answers HTTP 429 with Retry-After once a channel gets more than its burst, and recovers at about one a second', async () => {
    let t = 1_800_000_000_000;
    const { call } = slackApi(() => t);
    for (let i = 0; i < 5; i++) expect((await call('chat.postMessage', { channel: 'C1', text: `m${i}` })).body.ok).toBe(true);
    const limited = await call('chat.postMessage', { channel: 'C1', text: 'one too many' });
    expect(limited).toMatchObject({ status: 429, retryAfter: '1', body: { ok: false, error: 'ratelimited' } });
    t += 1000;
    expect((await call('chat.postMessage', { channel: 'C1', text: 'later' })).body.ok).toBe(true);
  });

  it('opens a modal only with a live trigger_id, once, and refuses a stale hash on views.update', async () => {
    let t = 1_800_000_000_000;
    const ws = new SlackWorkspace([{ id: 'C1', name: 'a', team: 'a' }], new Map(), new ChangeFeed());
    const triggers = new TriggerBook(() => t);
    const app = slackWebApi(ws, { token: TOKEN, now: () => t, triggers, onResponseUrl: () => false });
    const call = async (method: string, body: Record<string, unknown>) =>
      (await (await app.request(`/api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as Record<string, any>;
    const view = { type: 'modal', title: { type: 'plain_text', text: 'Reply' }, blocks: [] };
    const trigger = triggers.issue('U1');
    const opened = await call('views.open', { trigger_id: trigger, view });
    expect(opened).toMatchObject({ ok: true, view: { id: expect.any(String) } });
    expect(await call('views.open', { trigger_id: trigger, view })).toMatchObject({ ok: false, error: 'expired_trigger_id' });
    const late = triggers.issue('U1');
    t += 3001;
    expect(await call('views.open', { trigger_id: late, view })).toMatchObject({ ok: false, error: 'expired_trigger_id' });
    expect(await call('views.update', { view_id: opened.view.id, hash: 'stale', view })).toMatchObject({ ok: false, error: 'hash_conflict' });
    expect(await call('views.update', { view_id: opened.view.id, hash: opened.view.hash, view: { ...view, title: { type: 'plain_text', text: 'x'.repeat(25) } } })).toMatchObject({ ok: false, error: 'invalid_arguments' });
  });
});

describe('a fresh install (no chat surface configured)', () => {
  it('starts the sandbox on loopback, says where, and refuses what a page on another site could try', async () => {
    const s = await startSandboxServer();
    try {
      expect(s.announced).toEqual([expect.stringMatching(/^Earshot is listening on port \d+: sandbox workspace at http:\/\/localhost:\d+\/ .*platforms: sandbox stand-ins$/)]);
      expect(s.log.lines.find((l) => l.msg === 'earshot listening')).toMatchObject({ host: '127.0.0.1', slack: false, msTeams: false, digests: true });
      const page = await fetch(`${s.base}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      // DNS rebinding: a foreign name pointed at 127.0.0.1 gets nothing.
      expect(await statusWithHost(`${s.base}/`, 'evil.example')).toBe(421);
      expect(await statusWithHost(`${s.base}/`, `localhost:${s.running.port}`)).toBe(200);
      // The page's API needs the page's token in a header a cross-site request cannot set.
      expect((await fetch(`${s.base}/sandbox/api/state?as=priya`)).status).toBe(403);
      const forged = await fetch(`${s.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', text: 'hi', serviceUrl: 'http://127.0.0.2/' }) });
      expect(forged.status).toBe(401);
      expect((await fetch(`${s.base}/slack/events`, { method: 'POST', body: 'payload=%7B%7D', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(401);
      // Bad input from the page gets a clear error.
      expect(await s.pageApi('/state?as=nobody')).toMatchObject({ status: 400, body: { error: 'No one called "nobody" is in the org chart.' } });
      expect(await s.pageApi('/slack/message', { as: 'priya', channel: 'C07SOCIAL01' })).toMatchObject({ status: 400, body: { error: expect.stringContaining('text') } });
      // No secret generated for the sandbox appears in any log line.
      expect(JSON.stringify(s.log.lines)).not.toMatch(/xoxb-sandbox-[0-9a-f]{24}/);
    } finally {
      await s.stop();
    }
  });

  it('raises no false alarm on /metrics: the example managers\' digests are delivered to the sandbox, nothing is stuck', async () => {
    const s = await startSandboxServer();
    try {
      await expect
        .poll(async () => {
          const text = await (await fetch(`${s.base}/metrics`)).text();
          return { depth: /earshot_outbox_depth\{/.test(text), age: /^earshot_outbox_oldest_pending_age_seconds (\S+)$/m.exec(text)?.[1], dead: /earshot_outbox_dead_letters\{/.test(text) };
        }, { timeout: 10_000 })
        .toEqual({ depth: false, age: '0', dead: false });
    } finally {
      await s.stop();
    }
  });

  it('sends no digests to the example chart\'s fictional people on a real surface, and says why', async () => {
    const s = await startSandboxServer({ SLACK_BOT_TOKEN: 'xoxb-1-real', SLACK_SIGNING_SECRET: 'a'.repeat(32), SLACK_API_URL: 'http://127.0.0.1:9/api/' });
    try {
      expect(s.announced[0]).toMatch(/chat: Slack; platforms: none connected$/);
      expect(s.log.lines.some((l) => l.level === 'warn' && String(l.msg).startsWith('digests: off, because the org chart is the bundled example'))).toBe(true);
      const text = await (await fetch(`${s.base}/metrics`)).text();
      expect(text).not.toContain('digest.send');
      expect((await fetch(`${s.base}/`)).status).toBe(404);
    } finally {
      await s.stop();
    }
  });

  it('keeps its channels across a restart, so cards posted before it still update', async () => {
    const first = await startSandboxServer({}, { keepDir: true });
    const cardOf = (state: Record<string, any>) => (state.slack.messages as Record<string, any>[]).find((m) => JSON.stringify(m.blocks).includes('restart-proof router'));
    try {
      await first.postMention({ platform: 'x', externalId: 'restart-1', text: '@acmebroadband restart-proof router question', createdAt: new Date().toISOString(), author: { handle: 'rita' } });
      await expect.poll(async () => cardOf((await first.pageApi('/state?as=priya')).body), { timeout: 10_000 }).toBeTruthy();
    } finally {
      await first.stop();
    }
    const second = await startSandboxServer({}, { dir: first.dir });
    try {
      const card = cardOf((await second.pageApi('/state?as=priya')).body)!;
      expect(card).toBeTruthy();
      const claim = { type: 'button', action_id: 'case.claim', block_id: 'x', value: (card.blocks as Record<string, any>[]).flatMap((b) => b.elements ?? []).find((e: Record<string, any>) => e.action_id === 'case.claim')?.value };
      expect((await second.pageApi('/slack/action', { as: 'tom', channel: card.channel, ts: card.ts, action: claim })).status).toBe(200);
      await expect.poll(async () => JSON.stringify(cardOf((await second.pageApi('/state?as=priya')).body)?.blocks), { timeout: 10_000 }).toContain('Claimed by <@U07TOM0001>');
    } finally {
      await second.stop();
    }
  }, 30_000);

  it('validates EARSHOT_SANDBOX like every other variable', () => {
    expect(loadEnv({}).EARSHOT_SANDBOX).toBe('auto');
    expect(() => loadEnv({ EARSHOT_SANDBOX: 'maybe' })).toThrow(ConfigError);
    expect(() => loadEnv({ EARSHOT_SANDBOX: 'maybe' })).toThrow(/EARSHOT_SANDBOX: must be "auto"/);
    expect(() => loadEnv({ EARSHOT_SANDBOX: 'on', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'a'.repeat(32) })).toThrow(/EARSHOT_SANDBOX: stands in for Slack and Teams/);
  });
});

describe('earshot demo', () => {
  it('feeds the bundled sample through the signed generic webhook', async () => {
    const s = await startSandboxServer();
    try {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runDemoCommand(['--rate', '600', '--url', s.base], { out: (l) => out.push(l), err: (l) => err.push(l), env: { GENERIC_WEBHOOK_SECRET: WEBHOOK_SECRET } });
      expect({ code, err }).toEqual({ code: 0, err: [] });
      const total = loadSampleTraffic().length;
      expect(out.at(-1)).toBe(`done: ${total} sent, 0 refused`);
      // Accepted into the inbox by now; the pipeline stores them a moment later.
      let metrics = '';
      for (let i = 0; i < 100 && !/^earshot_inbox_depth 0$/m.test((metrics = await (await fetch(`${s.base}/metrics`)).text())); i++) await new Promise((r) => setTimeout(r, 100));
      const received = [...metrics.matchAll(/earshot_mentions_received_total\{platform="\w+"\} (\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
      expect(received).toBe(total);
    } finally {
      await s.stop();
    }
  }, 30_000);

  it('explains bad flags and a missing secret instead of guessing', async () => {
    const err: string[] = [];
    const io = { out: () => {}, err: (l: string) => err.push(l), env: {} };
    expect(await runDemoCommand(['--rate', 'fast'], io)).toBe(2);
    expect(err.at(-1)).toMatch(/--rate must be a whole number of mentions per minute/);
    expect(await runDemoCommand(['--bogus'], io)).toBe(2);
    expect(err.at(-1)).toMatch(/Usage: earshot demo/);
    expect(await runDemoCommand([], io)).toBe(78);
    expect(err.at(-1)).toMatch(/GENERIC_WEBHOOK_SECRET is not set/);
  });
});
