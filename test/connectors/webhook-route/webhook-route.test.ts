import { describe, expect, it } from 'vitest';
import type { TWebhookSource } from '../../../src/connectors/connector.js';
import { AppError } from '../../../src/errors.js';
import { mention } from '../../helpers/mentions.js';
import { startWebhookServer } from './serve-webhooks.js';

const SECRET_HEADER = 'let-me-in-0123456789';

/** A minimal platform: a shared-secret header, a handshake on GET ?echo=, a JSON array of texts. */
const source: TWebhookSource = {
  verify(req) {
    if (req.method === 'GET') {
      const echo = req.url.searchParams.get('echo');
      return echo ? { kind: 'challenge', status: 200, body: echo, contentType: 'text/plain' } : { kind: 'rejected', status: 400, reason: 'no echo' };
    }
    if (req.header('X-Token') === SECRET_HEADER) return { kind: 'accepted' };
    return { kind: 'rejected', status: 403, reason: 'X-Token does not match.' };
  },
  parse(req) {
    const body = JSON.parse(req.rawBody.toString('utf8')) as unknown;
    if (!Array.isArray(body)) throw new AppError('VALIDATION', '(top level): expected an array of texts');
    return body.map((text: string, i) => mention({ platform: 'generic', externalId: `t-${i}-${text.length}`, text }));
  },
};

describe('webhookRoute over the real server', () => {
  it('answers a handshake exactly as given and stores nothing', async () => {
    const { base, stored } = await startWebhookServer({ demo: source });
    const res = await fetch(`${base}/webhooks/demo?echo=abc123`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('abc123');
    expect(await stored()).toEqual({ mentions: 0, cases: 0, outbox: 0 });
  });

  it('rejects with the verification status, logs the reason but not the body or secret, stores nothing', async () => {
    const { base, log, stored } = await startWebhookServer({ demo: source });
    const res = await fetch(`${base}/webhooks/demo`, { method: 'POST', headers: { 'x-token': 'wrong-token-value' }, body: '["secret customer text"]' });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: 'FORBIDDEN', message: 'X-Token does not match.' } });
    expect(await stored()).toEqual({ mentions: 0, cases: 0, outbox: 0 });
    const line = log.lines.find((l) => l.msg === 'webhook rejected');
    expect(line).toMatchObject({ connector: 'demo', status: 403, reason: 'X-Token does not match.' });
    expect(JSON.stringify(log.lines)).not.toMatch(/secret customer text|wrong-token-value|let-me-in/);
  });

  it('accepts each parsed mention into the inbox, answers with a summary, and the pipeline stores them', async () => {
    const { base, db, intake } = await startWebhookServer({ demo: source });
    const body = JSON.stringify(['my router keeps dropping, @acme help', 'love the new app']);
    const res = await fetch(`${base}/webhooks/demo`, { method: 'POST', headers: { 'x-token': SECRET_HEADER }, body });
    expect(res.status).toBe(200);
    const json = (await res.json()) as { received: number; results: { status: string; caseId: string }[] };
    expect(json.received).toBe(2);
    expect(json.results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    expect(await db.inboxItem.count({ where: { source: 'webhook:demo' } })).toBe(2);
    await intake.drain();
    expect(await db.mention.count()).toBe(2);
    expect(await db.case.count()).toBe(2);
    const again = await fetch(`${base}/webhooks/demo`, { method: 'POST', headers: { 'x-token': SECRET_HEADER }, body });
    expect(((await again.json()) as { results: { status: string }[] }).results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
  });

  it('turns a validation error from the parser into 400 and stores nothing', async () => {
    const { base, stored } = await startWebhookServer({ demo: source });
    const res = await fetch(`${base}/webhooks/demo`, { method: 'POST', headers: { 'x-token': SECRET_HEADER }, body: '{"not":"an array"}' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('VALIDATION');
    expect(await stored()).toEqual({ mentions: 0, cases: 0, outbox: 0 });
  });

  it('refuses a GET that is not a handshake', async () => {
    const { base } = await startWebhookServer({ demo: source });
    expect((await fetch(`${base}/webhooks/demo`)).status).toBe(400);
  });
});
