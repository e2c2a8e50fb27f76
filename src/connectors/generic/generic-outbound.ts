import { z } from 'zod';
import { PermanentError } from '../../outbox/outbox-errors.js';
import type { TConnector, TReplyTarget, TSentReply } from '../connector.js';
import { parseEnvGroup, zOptional } from '../env-group.js';
import { callPlatform, type TFetch } from '../platform-http.js';
import { textLimitProblem } from '../text-limits.js';
import { signGenericBody } from './signature.js';

/** Outbound half of the generic connector: where replies to `platform: "generic"` mentions are sent. */
export const ZGenericOutboundEnv = z.object({
  GENERIC_CALLBACK_URL: zOptional.pipe(z.string({ error: 'is required' }).url('must be an http(s) URL').refine((u) => /^https?:/.test(u), 'must be an http(s) URL')),
  GENERIC_WEBHOOK_SECRET: zOptional.pipe(z.string({ error: 'is required to sign callbacks (the same secret as the inbound webhook)' }).min(16, 'must be at least 16 characters')),
});
export type TGenericOutboundEnv = z.infer<typeof ZGenericOutboundEnv>;

/** Null unless GENERIC_CALLBACK_URL is set: the inbound webhook alone needs no callback. */
export function loadGenericOutboundEnv(env: NodeJS.ProcessEnv = process.env): TGenericOutboundEnv | null {
  return parseEnvGroup('generic outbound', ZGenericOutboundEnv, ['GENERIC_CALLBACK_URL'], env);
}

/** What the bridge must answer with 2xx. */
const ZCallbackResult = z.object({ externalId: z.string().min(1).max(256), url: z.string().url().max(2048).nullish() });

/**
 * Replies for bridged sources: POSTs `{ inReplyTo, threadRoot, text, visibility, idempotencyKey }` to the
 * callback, signed like inbound deliveries (`x-earshot-signature: sha256=<hex>`), and expects
 * `{ externalId, url? }`. 429 and 5xx are retried (the bridge dedupes on idempotencyKey), other 4xx are final.
 *
 * @example
 * const env = loadGenericOutboundEnv(process.env); if (env) connectors.set('generic', createGenericOutbound(env, { fetch, now }));
 */
export function createGenericOutbound(env: TGenericOutboundEnv, world: { fetch: TFetch; now: () => Date }): TConnector {
  const send = async (target: TReplyTarget, text: string, visibility: 'public' | 'private', idempotencyKey: string): Promise<TSentReply> => {
    const tooLong = textLimitProblem('generic', text);
    if (tooLong) throw new PermanentError(tooLong);
    const payload = { inReplyTo: target.inReplyTo, threadRoot: target.threadRoot, text, visibility, idempotencyKey };
    // callPlatform serialises with JSON.stringify too, so the signature covers exactly the bytes on the wire.
    const signature = signGenericBody(env.GENERIC_WEBHOOK_SECRET, JSON.stringify(payload));
    const res = await callPlatform({
      platform: 'generic',
      fetch: world.fetch,
      method: 'POST',
      url: env.GENERIC_CALLBACK_URL,
      headers: { 'x-earshot-signature': signature, 'idempotency-key': idempotencyKey },
      body: payload,
      now: world.now(),
      purpose: visibility === 'public' ? 'post the reply' : 'send the private message',
    });
    const parsed = ZCallbackResult.safeParse(res);
    if (!parsed.success) throw new PermanentError('The callback answered 2xx without {"externalId": "..."}; check the bridge at GENERIC_CALLBACK_URL.');
    return { externalId: parsed.data.externalId, url: parsed.data.url ?? null };
  };
  return {
    id: 'generic',
    rateLimit: { perSecond: 5, burst: 10 },
    reply: (target, text, opts) => send(target, text, 'public', opts.idempotencyKey),
    sendPrivate: (target, text, opts) => send(target, text, 'private', opts.idempotencyKey),
  };
}
