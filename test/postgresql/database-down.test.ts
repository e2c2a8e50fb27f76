import { serve } from '@hono/node-server';
import { createHmac } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/config/env.js';
import { signGenericBody } from '../../src/connectors/generic/signature.js';
import { createXConnector } from '../../src/connectors/x/index.js';
import { createEarshot } from '../../src/earshot.js';
import { createMemoryLogger } from '../../src/log.js';
import { openDatabase } from '../../src/store/client.js';
import { migrateDatabase } from '../../src/store/migrate.js';
import { FAKE_BOT_TOKEN, startFakeSlack } from '../bot/slack/fake-slack-api.js';
import { SIGNING_SECRET, USERS } from '../bot/slack/harness.js';
import { startFakeBotConnector } from '../bot/teams/fake-bot-connector.js';
import { accountActivityBody, deliveryHeaders, startFakeX } from '../connectors/fakes/x-api.js';
import { user, xEnv } from '../connectors/x/x-harness.js';
import { exampleOrgChart } from '../helpers/org-chart.js';
import { startOwnPgCluster } from '../helpers/own-pg-cluster.js';

const GENERIC_SECRET = 'db-down-generic-secret-0123456789';

/** The whole app (generic + X webhooks, Slack over HTTP, Teams) on a PostgreSQL cluster this test may stop. */
async function start() {
  const pg = await startOwnPgCluster();
  await migrateDatabase({ databaseUrl: pg.url });
  const db = await openDatabase(pg.url);
  const [slack, bot, x] = [await startFakeSlack(), await startFakeBotConnector(), await startFakeX()];
  const log = createMemoryLogger();
  const env = loadEnv({ GENERIC_WEBHOOK_SECRET: GENERIC_SECRET, SLACK_BOT_TOKEN: FAKE_BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, TEAMS_LOCAL_MODE: 'true', REPLY_RANKING: 'words' });
  const connectors = new Map([['x' as const, createXConnector(xEnv(x.url), { fetch, now: () => new Date() })]]);
  const earshot = createEarshot({ env, orgChart: exampleOrgChart(), db, log, connectors });
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: earshot.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s as Server)) as Server;
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = async () => {
    await new Promise((r) => server.close(r));
    await earshot.teamsIdle();
    await db.$disconnect();
    await Promise.all([slack.close(), bot.close(), x.close()]);
  };
  return { pg, db, log, base, bot, x, close };
}

type TAnswer = { status: number; retryAfter: string | null; body: unknown };
const answer = async (res: Response): Promise<TAnswer> => ({ status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json().catch(() => null) });

describe('database down: every inbound endpoint says "come back later"', () => {
  it('answers 503 with Retry-After on the generic and platform webhooks and the Teams endpoint (never 500), tells a Slack user why, and takes the retry once the database is back', { timeout: 120_000 }, async () => {
    const app = await start();
    try {
      const generic = () => {
        const body = JSON.stringify({ platform: 'generic', externalId: 'down-1', text: 'my router died', createdAt: '2026-11-23T09:55:00Z', author: { handle: 'ana' } });
        return fetch(`${app.base}/webhooks/generic`, { method: 'POST', headers: { 'x-earshot-signature': signGenericBody(GENERIC_SECRET, body) }, body });
      };
      const xBody = accountActivityBody([app.x.publish({ text: '@acme my bill doubled', author: user('jane_doe') })]);
      const platform = () => fetch(`${app.base}/webhooks/x`, { method: 'POST', headers: deliveryHeaders(xBody), body: xBody });
      const install = { type: 'installationUpdate', action: 'add', id: 'f:1', channelId: 'msteams', serviceUrl: app.bot.url, from: { id: '29:aad-priya', aadObjectId: 'aad-priya' }, recipient: { id: '28:earshot-bot-id' }, conversation: { id: 'a:1on1-priya', conversationType: 'personal', tenantId: 't1' } };
      const teams = () => fetch(`${app.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(install) });
      const slash = () => {
        const form = new URLSearchParams({ command: '/social', text: 'queue', user_id: USERS.priya, channel_id: 'C07SOCIAL01', team_id: 'T1', trigger_id: 't.1', response_url: 'http://127.0.0.1:9/none' }).toString();
        const ts = String(Math.floor(Date.now() / 1000));
        const sig = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${ts}:${form}`).digest('hex')}`;
        return fetch(`${app.base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': sig }, body: form });
      };

      await app.pg.stop();
      const unavailable = { code: 'DATABASE_UNAVAILABLE', message: expect.stringMatching(/retry later/) };
      expect(await answer(await generic())).toEqual({ status: 503, retryAfter: '5', body: { error: unavailable } });
      expect(await answer(await platform())).toEqual({ status: 503, retryAfter: '5', body: { error: unavailable } });
      expect(await answer(await teams())).toEqual({ status: 503, retryAfter: '5', body: { error: unavailable } });
      // A slash command is a person waiting, and Slack does not retry it: they read why, in Slack.
      expect(await answer(await slash())).toEqual({ status: 200, retryAfter: null, body: { response_type: 'ephemeral', text: ':warning: The database is unavailable right now, so nothing was changed; please try again in a minute.' } });
      expect((await fetch(`${app.base}/healthz`)).status).toBe(503);
      expect(app.log.lines.filter((l) => l.msg === 'request failed')).toEqual([]);

      // The senders' retries, once it is back, go through: nothing was lost.
      await app.pg.start();
      expect((await generic()).status).toBe(202);
      expect((await platform()).status).toBe(200);
      expect((await teams()).status).toBe(200);
      expect(await app.db.inboxItem.count()).toBe(2);
      expect(await app.db.chatInstallation.count()).toBe(1);
    } finally {
      await app.close();
    }
  });
});
