import { describe, expect, it } from 'vitest';
import { loadEnv, secretValues, teamsEnabled } from '../../../src/config/env.js';
import { createTestDb } from '../../helpers/db.js';
import { startEarshotProcess } from '../../helpers/earshot-process.js';
import { startTestServer } from '../../helpers/server.js';
import { CHANNELS, startTeamsHarness, TENANT } from './harness.js';
import { envProblems } from '../../helpers/env-problems.js';

const APP_ID = '5b9e2a7c-1f3d-4e8a-9c6b-2d4f6a8b0c1e';
const PASSWORD = 'not-a-real-client-secret~0123456789';

describe('POST /api/messages', () => {
  it('answers 503 NOT_CONFIGURED while Teams is off', async () => {
    const { base } = await startTestServer();
    const res = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"message"}' });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: { code: 'NOT_CONFIGURED', message: expect.stringContaining('TEAMS_APP_ID') } });
  });

  it('with an app id and password, rejects requests without a valid Bot Framework token (401)', async () => {
    const { base, log, db } = await startTestServer({ TEAMS_APP_ID: APP_ID, TEAMS_APP_PASSWORD: PASSWORD });
    const activity = { type: 'installationUpdate', action: 'add', id: '1', channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/emea/', from: { id: '29:x' }, recipient: { id: `28:${APP_ID}` }, conversation: { id: 'a:1', conversationType: 'personal' } };
    const post = (headers: Record<string, string>) => fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) });
    const unsigned = await post({});
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: 'The request is not authenticated by the Bot Framework.' } });
    // A forged token: the adapter fetches the Bot Framework's signing keys to check it. This sandbox has no
    // network, so the lookup fails (500) instead of the 401 it gets online; either way the turn never runs.
    const forged = await post({ authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJpc3MiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIn0.' });
    expect([401, 500]).toContain(forged.status);
    expect(JSON.stringify(await forged.json())).not.toMatch(/login\.botframework|ENOTFOUND/);
    expect(await db.chatInstallation.count()).toBe(0);
    expect(log.lines.some((l) => l.msg === 'teams: rejected an unauthenticated request')).toBe(true);
    expect(JSON.stringify(log.lines)).not.toContain(PASSWORD);
  });

  it('logs one line per unauthenticated request, with the reason and no stack trace', async () => {
    const { base, log } = await startTestServer({ TEAMS_APP_ID: APP_ID, TEAMS_APP_PASSWORD: PASSWORD });
    const before = log.lines.length;
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', text: `hi ${i}`, channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/emea/' }) });
      expect(res.status).toBe(401);
    }
    const lines = log.lines.slice(before);
    expect(lines).toHaveLength(4);
    for (const l of lines) expect(l).toMatchObject({ level: 'warn', msg: 'teams: rejected an unauthenticated request', reason: expect.stringMatching(/not authorized/i) });
    expect(JSON.stringify(lines)).not.toMatch(/\\n\s+at /);
  });

  it('a real process writes one JSON line to stderr per unauthenticated request, never a stack trace', { timeout: 120_000 }, async () => {
    const { url } = await createTestDb();
    const p = await startEarshotProcess(url, { TEAMS_APP_ID: APP_ID, TEAMS_APP_PASSWORD: PASSWORD });
    const before = p.stderr().length;
    const body = JSON.stringify({ type: 'message', text: 'hi', channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/emea/' });
    for (const authorization of [undefined, 'Bearer not-a-jwt', 'Basic dXNlcjpwYXNz']) {
      const res = await fetch(`${p.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization && { authorization }) }, body });
      expect(res.status).toBe(401);
    }
    await new Promise((r) => setTimeout(r, 300));
    // Every line is one JSON object (no raw stack-trace lines), one per refused request; start-up may still log beside them.
    const lines = p.stderr().slice(before).split('\n').filter(Boolean).map((l) => JSON.parse(l) as { level: string; msg: string; stack?: unknown });
    expect(lines.filter((l) => l.msg === 'teams: rejected an unauthenticated request').map((l) => l.level)).toEqual(['warn', 'warn', 'warn']);
    expect(lines.filter((l) => l.msg.startsWith('teams:') && l.msg !== 'teams: rejected an unauthenticated request')).toEqual([]);
    expect(p.stderr().slice(before)).not.toMatch(/\n\s+at /);
    expect(p.stderr()).not.toContain(PASSWORD);
  });

  it('answers 400 for a JSON body that is not an activity, without running a turn', async () => {
    const h = await startTeamsHarness();
    for (const body of ['[]', '{"text":"no type"}', '"just a string"']) {
      const res = await fetch(`${h.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('VALIDATION');
    }
  });

  it('in local mode accepts unauthenticated activities (Emulator behaviour) and stores the installation', async () => {
    const h = await startTeamsHarness();
    const res = await h.install();
    expect(res.status).toBe(200);
    const rows = await h.db.chatInstallation.findMany();
    expect(rows).toEqual([expect.objectContaining({ surface: 'teams', conversation: CHANNELS.socialCare, scope: 'channel', userId: null })]);
    const ref = JSON.parse(rows[0]!.reference);
    expect(ref).toMatchObject({ serviceUrl: h.connector.url, channelId: 'msteams', conversation: { id: CHANNELS.socialCare, tenantId: TENANT }, bot: { id: '28:earshot-bot-id' } });
    // The welcome says which team the channel serves (social-care maps this channel in the org chart).
    const welcome = h.connector.posts(CHANNELS.socialCare).concat(h.connector.messages.filter((m) => m.channel === CHANNELS.socialCare))[0]!;
    expect(JSON.stringify(welcome.activity)).toContain('This channel receives **Social Care** cases');
  });

  it('the welcome in an unmapped channel tells the admin the conversation id to put in the org chart', async () => {
    const h = await startTeamsHarness();
    await h.install('19:random-channel@thread.tacv2');
    expect(JSON.stringify(h.connector.messages[0]!.activity)).toContain('conversationId: \\"19:random-channel@thread.tacv2\\"');
  });

  it('a personal install keeps the user for digests; removal forgets the conversation', async () => {
    const h = await startTeamsHarness();
    await h.install('a:1on1-priya', 'priya');
    expect(await h.db.chatInstallation.findFirst()).toMatchObject({ scope: 'personal', userId: 'aad-priya', conversation: 'a:1on1-priya' });
    await h.post(h.activity('priya', 'a:1on1-priya', { type: 'installationUpdate', action: 'remove' }));
    expect(await h.db.chatInstallation.count()).toBe(0);
    // The bot removed from a team (conversationUpdate) forgets it too; being added back restores it.
    await h.post(h.activity('priya', CHANNELS.socialCare, { type: 'conversationUpdate', membersAdded: [{ id: '28:earshot-bot-id' }] }));
    expect(await h.db.chatInstallation.count()).toBe(1);
    await h.post(h.activity('priya', CHANNELS.socialCare, { type: 'conversationUpdate', membersRemoved: [{ id: '28:earshot-bot-id' }] }));
    expect(await h.db.chatInstallation.count()).toBe(0);
  });

  it('rejects bodies that are not JSON (400) or over 1 MiB (413)', async () => {
    const h = await startTeamsHarness();
    const bad = await fetch(`${h.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' });
    expect(bad.status).toBe(400);
    const big = await fetch(`${h.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', text: 'x'.repeat(1024 * 1024) }) });
    expect(big.status).toBe(413);
  });
});

describe('Teams environment group', () => {
  it('is off by default, on with credentials or in local mode', () => {
    expect(teamsEnabled(loadEnv({}))).toBe(false);
    expect(teamsEnabled(loadEnv({ TEAMS_LOCAL_MODE: 'true' }))).toBe(true);
    const env = loadEnv({ TEAMS_APP_ID: APP_ID, TEAMS_APP_PASSWORD: PASSWORD });
    expect(teamsEnabled(env)).toBe(true);
    expect(env.TEAMS_APP_TYPE).toBe('MultiTenant');
    expect(secretValues(env)).toContain(PASSWORD);
  });

  it('names each inconsistent variable without echoing the secret', () => {
    const problems = envProblems;
    expect(problems({ TEAMS_APP_ID: APP_ID })).toMatch(/TEAMS_APP_PASSWORD: is required when the other Teams variable is set/);
    expect(problems({ TEAMS_APP_PASSWORD: PASSWORD })).toMatch(/TEAMS_APP_ID: is required/);
    expect(problems({ TEAMS_APP_ID: 'not-a-guid', TEAMS_APP_PASSWORD: PASSWORD })).toMatch(/TEAMS_APP_ID: must be the Azure Bot's Microsoft App ID/);
    expect(problems({ TEAMS_APP_ID: APP_ID, TEAMS_APP_PASSWORD: PASSWORD, TEAMS_APP_TYPE: 'SingleTenant' })).toMatch(/TEAMS_TENANT_ID: is required when TEAMS_APP_TYPE is SingleTenant/);
    expect(problems({ TEAMS_APP_ID: APP_ID, TEAMS_APP_PASSWORD: PASSWORD, TEAMS_LOCAL_MODE: 'true' })).toMatch(/TEAMS_LOCAL_MODE: skips request authentication/);
    expect(problems({ TEAMS_APP_ID: APP_ID, TEAMS_APP_PASSWORD: PASSWORD, TEAMS_LOCAL_MODE: 'true' })).not.toContain(PASSWORD);
  });
});
