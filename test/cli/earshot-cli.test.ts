import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { signGenericBody } from '../../src/connectors/generic/signature.js';
import { FAKE_APP_TOKEN, FAKE_BOT_TOKEN, startFakeSlack } from '../bot/slack/fake-slack-api.js';
import { startFakeSocketMode } from '../bot/slack/fake-socket-mode.js';
import { CLI, runEarshot, TSX } from '../helpers/cli.js';

const SECRET = 'cli-test-secret-0123456789abcdef';
const earshot = (args: string[], env: Record<string, string>, input?: string) => runEarshot(args, env, input === undefined ? {} : { input });

/** Spawns `earshot start` and resolves once it logs "earshot listening", with its port and the stderr so far. */
async function startServer(env: Record<string, string>) {
  const cwd = mkdtempSync(path.join(tmpdir(), 'earshot-start-'));
  const child = spawn(process.execPath, ['--import', TSX, CLI, 'start'], { cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', HOST: '127.0.0.1', TRIAGE_TIER2: 'off', ...env } });
  const out = { stderr: '' };
  const port = await new Promise<number>((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      out.stderr += d.toString();
      const listening = out.stderr.split('\n').find((l) => l.includes('"earshot listening"'));
      if (listening) resolve((JSON.parse(listening) as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out.stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  /** SIGTERM, then the exit code. */
  const stop = () => (child.kill('SIGTERM'), exited);
  return { cwd, port, out, stop, exited };
}

// Each test spawns the real command (tsx compiling the source, the WASM schema engine for `migrate`): seconds each on
// a loaded 2-core machine, so the suite's 20 s default is too tight here.
describe('earshot CLI', { timeout: 60_000 }, () => {
  it('refuses an invalid org chart with file, line and field — and no stack trace', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'org-'));
    const file = path.join(dir, 'org.yaml');
    writeFileSync(file, 'version: 1\norganisation: X\nfallbackTeam: a\nteams:\n  - id: a\n    name: A\n    members:\n      - { id: b, name: B, role: king }\n');
    const r = await earshot(['start'], { EARSHOT_ORG_CHART: file, DATABASE_URL: `file:${dir}/e.db` });
    expect(r.status).toBe(78);
    expect(r.stderr).toContain(`${file}:8:`);
    expect(r.stderr).toContain('teams[0].members[0].role');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(`${dir}/e.db`)).toBe(false); // nothing opened before config is valid
  });

  it('refuses a bad environment naming the variable', async () => {
    const r = await earshot(['start'], { PORT: 'http' });
    expect(r.status).toBe(78);
    expect(r.stderr).toMatch(/PORT: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a half-set LLM group naming the missing variables', async () => {
    const r = await earshot(['start'], { LLM_BASE_URL: 'https://api.openai.com/v1' });
    expect(r.status).toBe(78);
    expect(r.stderr).toMatch(/LLM_API_KEY: is required/);
    expect(r.stderr).toMatch(/LLM_MODEL: is required/);
  });

  it('`migrate` creates and migrates the default database, then reports it current', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mig-'));
    const env = { DATABASE_URL: `file:${dir}/data/earshot.db` };
    const first = await earshot(['migrate'], env);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/applied: \d+_init/);
    expect((await earshot(['migrate'], env)).stdout).toContain('database is up to date');
  });

  it('`triage` turns JSON lines into decisions, in order, flagging bad lines by number', async () => {
    const m = (id: string, text: string) => JSON.stringify({ platform: 'x', externalId: id, text, createdAt: '2026-11-23T10:00:00Z', author: { handle: 'a' } });
    const r = await earshot(['triage'], {}, [m('1', 'my internet is down again'), '{oops', m('3', 'love the new app, thanks!')].join('\n') + '\n');
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.externalId ?? `error@${l.line}`)).toEqual(['1', 'error@2', '3']);
    expect(lines[2]!.sentiment).toBe('positive');
  });

  it('unknown commands print usage and exit 2', async () => {
    const r = await earshot(['frobnicate'], {});
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown command "frobnicate"[\s\S]*Usage: earshot/);
  });

  it('`start` serves on embedded defaults, takes a signed webhook, and shuts down cleanly on SIGTERM', async () => {
    const { cwd, port, out, stop } = await startServer({ GENERIC_WEBHOOK_SECRET: SECRET });
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const body = JSON.stringify({ platform: 'generic', externalId: 'e2e-1', text: 'my parcel never arrived', createdAt: '2026-11-23T10:00:00Z', author: { handle: 'kim' } });
    const res = await fetch(`${base}/webhooks/generic`, { method: 'POST', body, headers: { 'x-earshot-signature': signGenericBody(SECRET, body) } });
    expect(res.status).toBe(202);
    expect(existsSync(path.join(cwd, 'data', 'earshot.db'))).toBe(true);
    // The pipeline runs in `start`: the accepted mention becomes a case without anyone asking.
    for (let i = 0; i < 100 && !/^earshot_intake_processed_total 1$/m.test(await (await fetch(`${base}/metrics`)).text()); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await (await fetch(`${base}/metrics`)).text()).toMatch(/^earshot_cases\{status="new"\} 1$/m);
    expect(await stop()).toBe(0);
    expect(out.stderr).toContain('shutdown complete');
    expect(out.stderr).not.toContain(SECRET);
  });

  it('`start` in Socket Mode connects out to Slack, never logs the tokens, and closes the socket on SIGTERM', async () => {
    const socket = await startFakeSocketMode();
    const slack = await startFakeSlack({ socket });
    try {
      const { out, stop } = await startServer({ SLACK_BOT_TOKEN: FAKE_BOT_TOKEN, SLACK_APP_TOKEN: FAKE_APP_TOKEN, SLACK_API_URL: slack.apiUrl, LOG_LEVEL: 'debug' });
      await socket.waitForConnection(1);
      await expect.poll(() => out.stderr, { timeout: 10_000 }).toContain('slack: connected over Socket Mode');
      const listening = out.stderr.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { msg: string; slackMode?: string }).find((e) => e.msg === 'earshot listening');
      expect(listening?.slackMode).toBe('socket');
      expect(await stop()).toBe(0);
      expect(socket.isOpen).toBe(false);
      expect(out.stderr).not.toContain(FAKE_APP_TOKEN);
      expect(out.stderr).not.toContain(FAKE_BOT_TOKEN);
    } finally {
      await slack.close();
      await socket.close();
    }
  });

  it('`start` with an app-level token Slack refuses exits 78 naming SLACK_APP_TOKEN', async () => {
    const socket = await startFakeSocketMode();
    const slack = await startFakeSlack({ socket });
    try {
      const { out, exited } = await startServer({ SLACK_BOT_TOKEN: FAKE_BOT_TOKEN, SLACK_APP_TOKEN: 'xapp-1-A0EARSHOT-9-revokedtoken', SLACK_API_URL: slack.apiUrl });
      expect(await exited).toBe(78);
      expect(out.stderr).toMatch(/SLACK_APP_TOKEN: Slack refused it \(invalid_auth\)/);
      expect(out.stderr).not.toContain('revokedtoken');
    } finally {
      await slack.close();
      await socket.close();
    }
  });

  it('`start` writes only JSON lines to stderr: four unauthenticated Teams requests are four warnings, not stack traces', async () => {
    const password = 'not-a-real-client-secret~0123456789';
    const { port, out, stop } = await startServer({ TEAMS_APP_ID: '5b9e2a7c-1f3d-4e8a-9c6b-2d4f6a8b0c1e', TEAMS_APP_PASSWORD: password });
    try {
      for (let i = 0; i < 4; i++) {
        const res = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', text: 'hi', channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/emea/' }) });
        expect(res.status).toBe(401);
      }
    } finally {
      expect(await stop()).toBe(0);
    }
    const events = out.stderr.trim().split('\n').map((l) => JSON.parse(l) as { msg: string });
    expect(events.filter((e) => e.msg === 'teams: rejected an unauthenticated request')).toHaveLength(4);
    expect(events.at(-1)!.msg).toBe('shutdown complete');
    expect(out.stderr).not.toContain(password);
  });
});
