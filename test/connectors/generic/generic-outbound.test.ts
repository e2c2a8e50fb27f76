import { describe, expect, it } from 'vitest';
import { createGenericOutbound, loadGenericOutboundEnv } from '../../../src/connectors/generic/generic-outbound.js';
import { verifyGenericSignature } from '../../../src/connectors/generic/signature.js';
import { PermanentError, RetryableError } from '../../../src/outbox/outbox-errors.js';
import { startJsonServer, type TFakeResponse } from '../fakes/json-http-server.js';

const SECRET = 'bridge-shared-secret-0123456789';
const target = { platform: 'generic' as const, inReplyTo: 'ticket-42/msg-7', threadRoot: 'ticket-42', url: null, author: { handle: 'pat', externalId: 'u-9' } };

/** A bridge that checks the signature over the exact bytes and answers with what the test queues. */
async function startBridge(queue: TFakeResponse[] = []) {
  const seen: { ok: boolean; body: unknown; key: string | undefined }[] = [];
  const server = await startJsonServer((req) => {
    const ok = verifyGenericSignature(SECRET, Buffer.from(req.body), req.headers['x-earshot-signature'] as string | undefined);
    seen.push({ ok, body: req.json(), key: req.headers['idempotency-key'] as string | undefined });
    if (!ok) return { status: 401, body: { error: 'bad signature' } };
    return queue.shift() ?? { status: 200, body: { externalId: `reply-${seen.length}`, url: 'https://help.example/ticket-42#r' } };
  });
  const connector = createGenericOutbound({ GENERIC_CALLBACK_URL: `${server.url}/earshot-replies`, GENERIC_WEBHOOK_SECRET: SECRET }, { fetch, now: () => new Date() });
  return { server, seen, connector };
}

describe('generic outbound callback', () => {
  it('POSTs the signed reply and returns the bridge\'s id and url', async () => {
    const { server, seen, connector } = await startBridge();
    const sent = await connector.reply(target, 'Thanks Pat, fixed now.', { idempotencyKey: 'reply:abc' });
    expect(sent).toEqual({ externalId: 'reply-1', url: 'https://help.example/ticket-42#r' });
    expect(seen).toEqual([{ ok: true, key: 'reply:abc', body: { inReplyTo: 'ticket-42/msg-7', threadRoot: 'ticket-42', text: 'Thanks Pat, fixed now.', visibility: 'public', idempotencyKey: 'reply:abc' } }]);
    await connector.sendPrivate!(target, 'Sent you the details by email.', { idempotencyKey: 'dm:1' });
    expect((seen[1]!.body as { visibility: string }).visibility).toBe('private');
    await server.close();
  });

  it('retries 429 after Retry-After and 5xx; treats other 4xx and a reply without externalId as permanent', async () => {
    const { server, connector } = await startBridge([
      { status: 429, headers: { 'retry-after': '30' }, body: { error: 'slow down' } },
      { status: 502, body: 'Bad Gateway' },
      { status: 422, body: { error: 'ticket closed' } },
      { status: 200, body: { ok: true } },
    ]);
    const limited = (await connector.reply(target, 'a', { idempotencyKey: 'k' }).catch((e: unknown) => e)) as RetryableError;
    expect(limited).toBeInstanceOf(RetryableError);
    expect(limited.retryAfterMs).toBe(30_000);
    await expect(connector.reply(target, 'a', { idempotencyKey: 'k' })).rejects.toThrow(RetryableError);
    const closed = (await connector.reply(target, 'a', { idempotencyKey: 'k' }).catch((e: unknown) => e)) as Error;
    expect(closed).toBeInstanceOf(PermanentError);
    expect(closed.message).toMatch(/ticket closed/);
    await expect(connector.reply(target, 'a', { idempotencyKey: 'k' })).rejects.toThrow(/without \{"externalId"/);
    await server.close();
  });

  it('is off without GENERIC_CALLBACK_URL and needs the shared secret with it', () => {
    expect(loadGenericOutboundEnv({ GENERIC_WEBHOOK_SECRET: SECRET })).toBeNull();
    expect(() => loadGenericOutboundEnv({ GENERIC_CALLBACK_URL: 'https://bridge.example/hook' })).toThrow(/GENERIC_WEBHOOK_SECRET/);
    expect(() => loadGenericOutboundEnv({ GENERIC_CALLBACK_URL: 'ftp://bridge.example', GENERIC_WEBHOOK_SECRET: SECRET })).toThrow(/GENERIC_CALLBACK_URL/);
  });
});
