import type { Context } from 'hono';
import { z } from 'zod';
import { formatPath } from '../../config/config-error.js';
import { AppError } from '../../errors.js';
import { answerInbound } from '../../intake/backpressure.js';
import type { TIntake } from '../../intake/create-intake.js';
import type { TLogger } from '../../log.js';
import { ZMention, type TMention } from '../../mention.js';
import { utf8Body } from '../utf8-body.js';
import { verifyGenericSignature } from './signature.js';

export const GENERIC_MAX_BATCH = 500;
const ZBatch = z.array(ZMention).min(1, 'must hold at least one mention').max(GENERIC_MAX_BATCH, `must hold at most ${GENERIC_MAX_BATCH} mentions`);

export interface TGenericWebhookDeps {
  secret: string | undefined;
  log: TLogger;
  intake: Pick<TIntake, 'accept' | 'observeAck'>;
}

/**
 * `POST /webhooks/generic`: one canonical Mention or an array of them. Checks run cheapest-first and nothing
 * is stored unless every one passes: signature (401), UTF-8 and JSON (400), schema (400 naming the field; the
 * poison-input rules of src/mention.ts included).
 * The 1 MiB limit (413) is enforced before this handler reads anything. Valid mentions are appended to the inbox and
 * answered 202 with each one's inbox status once that is durable; triage and the case follow in the pipeline.
 * A full inbox answers 429, a database it cannot write 503, both with Retry-After and nothing stored.
 */
export function genericWebhookHandler(deps: TGenericWebhookDeps) {
  return (c: Context) => answerInbound(c, '/webhooks/generic', deps.intake.observeAck, () => handle(c));

  async function handle(c: Context): Promise<Response> {
    if (!deps.secret) throw new AppError('NOT_CONFIGURED', 'The generic webhook is off: set GENERIC_WEBHOOK_SECRET to enable it.');
    const raw = Buffer.from(await c.req.arrayBuffer());
    const reject = (code: 'UNAUTHORIZED' | 'INVALID_JSON' | 'VALIDATION', message: string): never => {
      deps.log.warn('generic webhook rejected', { code, reason: message, bytes: raw.length });
      throw new AppError(code, message);
    };
    if (!verifyGenericSignature(deps.secret, raw, c.req.header('x-earshot-signature'))) {
      reject('UNAUTHORIZED', 'Missing or invalid X-Earshot-Signature (expected sha256=<hex HMAC-SHA256 of the body>).');
    }
    let text = '';
    try {
      text = utf8Body(raw, 'INVALID_JSON');
    } catch (err) {
      reject('INVALID_JSON', (err as Error).message);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (err) {
      reject('INVALID_JSON', `Body is not valid JSON: ${(err as Error).message}`);
    }
    const parsed = Array.isArray(body) ? ZBatch.safeParse(body) : ZMention.safeParse(body);
    if (!parsed.success) {
      const first = parsed.error.issues[0]!;
      const more = parsed.error.issues.length - 1;
      reject('VALIDATION', `${formatPath(first.path)}: ${first.message}${more > 0 ? ` (and ${more} more problem${more > 1 ? 's' : ''})` : ''}`);
    }
    const mentions: TMention[] = Array.isArray(parsed.data) ? parsed.data : [parsed.data as TMention];
    const results = await deps.intake.accept(mentions, 'webhook:generic');
    return c.json({ received: mentions.length, results: results.map((r) => ({ externalId: r.externalId, status: r.status })) }, 202);
  }
}
