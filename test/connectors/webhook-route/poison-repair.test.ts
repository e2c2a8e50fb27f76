import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createXConnector } from '../../../src/connectors/x/index.js';
import { MAX_COUNT } from '../../../src/mention.js';
import { accountActivityBody, startFakeX, X_CREDS } from '../fakes/x-api.js';
import { user, xEnv } from '../x/x-harness.js';
import { startWebhookServer } from './serve-webhooks.js';

async function setup() {
  const fake = await startFakeX();
  const x = createXConnector(xEnv(fake.url), { fetch, now: () => new Date() });
  const srv = await startWebhookServer({ x: x.webhook! });
  // Signed over the bytes as sent, as X signs them (a body that is not UTF-8 must get past the signature to be judged).
  const deliver = async (body: string | Buffer) => {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    const signature = `sha256=${createHmac('sha256', X_CREDS.consumerSecret).update(bytes).digest('base64')}`;
    const res = await fetch(`${srv.base}/webhooks/x`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-twitter-webhooks-signature': signature }, body: new Uint8Array(bytes) });
    await srv.intake.drain();
    return res;
  };
  return { fake, deliver, ...srv };
}

describe('platform webhooks under the Mention rules', () => {
  it('repairs what a platform may send but no database stores alike (NUL, lone surrogates, counts past 32 bits), says so in the log, and stores it', async () => {
    const { fake, deliver, db, log } = await setup();
    const body = accountActivityBody([fake.publish({ text: '@acme bill\u0000 doubled \ud800 again', author: user('big_star', 2 ** 31 + 7) })]);
    const res = await deliver(body);
    expect(res.status).toBe(200);
    const stored = await db.mention.findFirstOrThrow({ include: { author: true } });
    expect(stored.text).toBe('@acme bill doubled \ufffd again');
    expect(stored.author.followers).toBe(MAX_COUNT);
    const line = log.lines.find((l) => l.msg === 'webhook mentions repaired to fit the Mention rules');
    expect(line).toMatchObject({ connector: 'x', repaired: [{ externalId: stored.externalId, fields: ['text', 'author.followers'] }] });
    // Names of fields only: the customer's words stay out of the log.
    expect(JSON.stringify(line)).not.toContain('doubled');
  });

  it('refuses a delivery whose body is not UTF-8 with 400, storing nothing', async () => {
    const { fake, deliver, stored } = await setup();
    const body = Buffer.from(accountActivityBody([fake.publish({ text: '@acme caf\u00e9', author: user('jane_doe') })]));
    const at = body.indexOf(Buffer.from('caf')) + 3;
    // é cut to its lead byte: the next byte is not a continuation, so the lead byte itself is the first invalid one.
    const bad = Buffer.concat([body.subarray(0, at), Buffer.from([0xc3]), body.subarray(at + 2)]);
    const res = await deliver(bad);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'VALIDATION', message: `Body is not valid UTF-8 (first invalid byte at offset ${at}); send JSON encoded as UTF-8.` } });
    expect(await stored()).toEqual({ mentions: 0, cases: 0, outbox: 0 });
  });
});
