import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadEnv } from '../../src/config/env.js';
import { createMemoryLogger } from '../../src/log.js';
import { startEarshot } from '../../src/main/start.js';
import type { TMention } from '../../src/mention.js';

export const WEBHOOK_SECRET = 'sandbox-test-webhook-secret-0123456789';

/**
 * `earshot start` as a fresh install runs it (no Slack, no Teams, the bundled org chart), on a free port and a
 * database of its own, with the generic webhook on so tests can feed mentions through a public entry point.
 */
export async function startSandboxServer(extraEnv: Record<string, string> = {}, opts: { dir?: string; keepDir?: boolean } = {}) {
  const dir = opts.dir ?? mkdtempSync(path.join(tmpdir(), 'earshot-sandbox-'));
  const raw = { DATABASE_URL: `file:${path.join(dir, 'earshot.db')}`, PORT: '0', GENERIC_WEBHOOK_SECRET: WEBHOOK_SECRET, OUTBOX_POLL_MS: '100',
    // The second tier's own tests load the sentence encoder (test/intake/refine-stage.test.ts); spare the sandbox it.
    TRIAGE_TIER2: 'off', ...extraEnv };
  const log = createMemoryLogger('info');
  const announced: string[] = [];
  const running = await startEarshot(loadEnv(raw), raw, log, (l) => announced.push(l));
  const base = `http://127.0.0.1:${running.port}`;
  return {
    base,
    running,
    log,
    announced,
    /** A signed POST to /webhooks/generic, as a bridge would send it. */
    async postMention(m: TMention) {
      const body = JSON.stringify(m);
      const sig = createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex');
      const res = await fetch(`${base}/webhooks/generic`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-earshot-signature': `sha256=${sig}` }, body });
      if (!res.ok) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
    },
    dir,
    /** The page's API, with the token the page itself carries. */
    async pageApi(pathAndQuery: string, body?: unknown) {
      const html = await (await fetch(`${base}/`)).text();
      const token = /name="sandbox-token" content="([0-9a-f]+)"/.exec(html)?.[1] ?? '';
      const res = await fetch(`${base}/sandbox/api${pathAndQuery}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'x-sandbox-token': token, 'content-type': 'application/json' },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: (await res.json()) as Record<string, any> };
    },
    async stop() {
      await running.stop();
      if (!opts.keepDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
