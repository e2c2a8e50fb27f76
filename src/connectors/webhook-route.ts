import type { Context } from 'hono';
import { AppError } from '../errors.js';
import { answerInbound } from '../intake/backpressure.js';
import type { TIntake } from '../intake/create-intake.js';
import type { TLogger } from '../log.js';
import type { TMention } from '../mention.js';
import { admitMentions } from './admit-mentions.js';
import type { TInboundRequest, TWebhookSource } from './connector.js';

export interface TWebhookRouteDeps {
  intake: Pick<TIntake, 'accept' | 'observeAck'>;
  log: TLogger;
  now: () => Date;
  /** The connector name under /webhooks/:connector, for logs. */
  name: string;
}

/** The server's per-connector handler pair (see TServerDeps.webhooks). */
export interface TWebhookRoute {
  get(c: Context): Promise<Response>;
  post(c: Context): Promise<Response>;
}

/**
 * Adapts a platform's webhook source to `GET|POST /webhooks/<name>`: handshakes are answered as the platform
 * asks, rejected deliveries get their status and store nothing, and parsed mentions are appended to the inbox; the
 * answer (200, as the platforms expect) goes out once they are durable. A full inbox or an unwritable database answers
 * 429 / 503 with Retry-After, and the platform redelivers.
 *
 * @example
 * webhooks: { x: webhookRoute(xConnector.webhook!, { intake, log, now, name: 'x' }) }
 */
export function webhookRoute(source: TWebhookSource, deps: TWebhookRouteDeps): TWebhookRoute {
  const route = `/webhooks/${deps.name}`;
  // Handshakes (GET) are not acks and stay out of the ack histogram.
  const timed = (c: Context): Promise<Response> => answerInbound(c, route, c.req.method === 'POST' ? deps.intake.observeAck : () => undefined, () => handle(c));
  const handle = async (c: Context): Promise<Response> => {
    const req = await toInboundRequest(c);
    const v = source.verify(req, deps.now());
    if (v.kind === 'challenge') return c.body(v.body, 200, { 'content-type': v.contentType });
    if (v.kind === 'rejected') {
      // The reason names the failed check only; bodies and secrets stay out of logs.
      deps.log.warn('webhook rejected', { connector: deps.name, status: v.status, reason: v.reason, bytes: req.rawBody.length });
      const code = v.status === 401 ? 'UNAUTHORIZED' : v.status === 403 ? 'FORBIDDEN' : 'BAD_REQUEST';
      return c.json({ error: { code, message: v.reason } }, v.status);
    }
    if (req.method === 'GET') throw new AppError('BAD_REQUEST', 'GET is only used for the subscription handshake.');
    let mentions: TMention[];
    try {
      mentions = source.parse(req);
    } catch (err) {
      if (err instanceof AppError && err.code === 'VALIDATION') {
        deps.log.warn('webhook payload invalid', { connector: deps.name, reason: err.message, bytes: req.rawBody.length });
      }
      throw err;
    }
    // Held to the Mention rules before anything is acknowledged: what the inbox takes, the pipeline can store.
    const admitted = admitMentions(mentions);
    if (admitted.repaired.length) deps.log.warn('webhook mentions repaired to fit the Mention rules', { connector: deps.name, repaired: admitted.repaired });
    const refused = admitted.refused[0];
    if (refused) {
      deps.log.warn('webhook payload invalid', { connector: deps.name, reason: refused.reason, externalId: refused.externalId, bytes: req.rawBody.length });
      throw new AppError('VALIDATION', `mention ${refused.index} (${refused.externalId}): ${refused.reason}`);
    }
    mentions = admitted.mentions;
    const results = mentions.length ? await deps.intake.accept(mentions, `webhook:${deps.name}`) : [];
    return c.json({ received: mentions.length, results: results.map((r) => ({ externalId: r.externalId, status: r.status })) }, 200);
  };
  return { get: timed, post: timed };
}

async function toInboundRequest(c: Context): Promise<TInboundRequest> {
  const method = c.req.method === 'GET' ? 'GET' : 'POST';
  const rawBody = method === 'POST' ? Buffer.from(await c.req.arrayBuffer()) : Buffer.alloc(0);
  return { method, url: new URL(c.req.url), header: (name) => c.req.header(name), rawBody };
}
