import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifySlackSignature } from '../../../src/bot/slack/verify-signature.js';
import { SIGNING_SECRET, startSlackHarness, USERS } from './harness.js';

const sign = (ts: number, body: string, secret = SIGNING_SECRET) => `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;

describe('POST /slack/events', () => {
  it('answers url_verification with the challenge', async () => {
    const h = await startSlackHarness();
    const res = await h.event({ type: 'url_verification', token: 't', challenge: 'c-123' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'c-123' });
  });

  it.each([
    ['missing', (_ts: number, _b: string) => ({})],
    ['wrong', (ts: number, b: string) => ({ 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sign(ts, b, 'ffffffffffffffffffffffffffffffff') })],
    ['stale (6 minutes old)', (ts: number, b: string) => ({ 'x-slack-request-timestamp': String(ts - 360), 'x-slack-signature': sign(ts - 360, b) })],
  ])('rejects a %s signature with 401 and processes nothing', async (_name, headers) => {
    const h = await startSlackHarness();
    const { caseId } = await h.ingestCase({ text: 'How do I change my wifi password please?' });
    const ts = Math.floor(h.clock.now().getTime() / 1000);
    const payload = JSON.stringify({ type: 'block_actions', user: { id: USERS.tom }, trigger_id: 't', actions: [{ action_id: 'case.claim', value: caseId }] });
    const body = new URLSearchParams({ payload }).toString();
    const res = await fetch(`${h.base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers(ts, body) }, body });
    expect(res.status).toBe(401);
    await h.drain();
    expect((await h.db.case.findUniqueOrThrow({ where: { id: caseId } })).assignee).toBeNull();
    expect(h.log.lines.some((e) => e.msg === 'slack request rejected')).toBe(true);
  });

  it('acks a slash command at once and finishes slow work through response_url', async () => {
    const h = await startSlackHarness();
    const started = Date.now();
    const res = await h.command(USERS.tom, 'route my internet is down again, third time this week');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(res.status).toBe(200);
    expect(res.body?.text).toContain('Dry run');
  });

  it('verifies with an injected clock and constant-time comparison', () => {
    const body = 'token=x&command=%2Fsocial';
    const now = 1_800_000_000_000;
    const ts = String(now / 1000);
    expect(verifySlackSignature(SIGNING_SECRET, body, { signature: sign(Number(ts), body), timestamp: ts }, now)).toEqual({ ok: true });
    expect(verifySlackSignature(SIGNING_SECRET, `${body}&x=1`, { signature: sign(Number(ts), body), timestamp: ts }, now)).toEqual({ ok: false, reason: 'signature does not match' });
    expect(verifySlackSignature(SIGNING_SECRET, body, { signature: sign(Number(ts), body), timestamp: ts }, now + 301_000).ok).toBe(false);
    expect(verifySlackSignature(SIGNING_SECRET, body, { signature: 'v0=short', timestamp: ts }, now).ok).toBe(false);
  });

  it('rejects a body that is not JSON or a form with 400', async () => {
    const h = await startSlackHarness();
    const res = await h.signed('{not json', 'application/json');
    expect(res.status).toBe(400);
  });
});
