import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { Context } from 'hono';
import { parse as parseQuery } from 'node:querystring';
import { refusalFor } from '../../intake/backpressure.js';
import type { TLogger } from '../../log.js';
import { createSeenIds } from './seen-ids.js';
import { verifySlackSignature } from './verify-signature.js';

export interface TReceiverOptions {
  signingSecret: string;
  log: TLogger;
  now: () => Date;
  /** How long to wait for a handler's ack before answering anyway; Slack gives up at 3 s. */
  ackTimeoutMs?: number;
}

/**
 * Bolt's custom-receiver contract on Hono's `POST /slack/events`: verify, parse, hand one event to Bolt, and
 * answer as soon as the handler acks while its slow work carries on. Retried deliveries of an event we already
 * took are acknowledged without running the handler again.
 */
export class HonoSlackReceiver implements Receiver {
  private app: App | undefined;
  private readonly seen = createSeenIds();
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly opts: TReceiverOptions) {}

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {}

  /** Waits for handlers still working after their ack, so shutdown does not cut a reply in half. */
  async stop(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  /** Settles once every handler started so far has finished: tests and shutdown use it. */
  idle(): Promise<void> {
    return this.stop();
  }

  handle = async (c: Context): Promise<Response> => {
    const raw = await c.req.text();
    const check = verifySlackSignature(
      this.opts.signingSecret,
      raw,
      { signature: c.req.header('x-slack-signature'), timestamp: c.req.header('x-slack-request-timestamp') },
      this.opts.now().getTime(),
    );
    if (!check.ok) {
      this.opts.log.warn('slack request rejected', { reason: check.reason });
      return c.json({ error: { code: 'UNAUTHORIZED', message: `Slack request verification failed: ${check.reason}.` } }, 401);
    }
    let body: Record<string, unknown>;
    try {
      body = parseBody(raw, c.req.header('content-type'));
    } catch (err) {
      this.opts.log.warn('slack request rejected: unparseable body', { error: (err as Error).message });
      return c.json({ error: { code: 'BAD_REQUEST', message: 'Body is neither JSON nor a Slack form payload.' } }, 400);
    }
    if (body.ssl_check) return c.body(null, 200);
    if (body.type === 'url_verification') return c.json({ challenge: body.challenge });
    const eventId = typeof body.event_id === 'string' ? body.event_id : undefined;
    if (eventId && this.seen.has(eventId)) {
      this.opts.log.info('slack retry acknowledged without reprocessing', { eventId, retryNum: c.req.header('x-slack-retry-num') });
      return c.body(null, 200);
    }
    if (eventId) this.seen.remember(eventId);
    return this.dispatch(c, body, eventId);
  };

  private async dispatch(c: Context, body: Record<string, unknown>, eventId: string | undefined): Promise<Response> {
    if (!this.app) throw new Error('Slack receiver used before Bolt initialised it');
    let resolveAck!: (r: Response) => void;
    const acked = new Promise<Response>((r) => (resolveAck = r));
    let done = false;
    const event: ReceiverEvent = {
      body,
      retryNum: numberHeader(c.req.header('x-slack-retry-num')),
      retryReason: c.req.header('x-slack-retry-reason'),
      ack: async (response?: unknown) => {
        if (done) return;
        done = true;
        if (response === undefined || response === '') resolveAck(c.body(null, 200));
        else if (typeof response === 'string') resolveAck(c.text(response, 200));
        else resolveAck(c.json(response as object, 200));
      },
    };
    const work = this.app.processEvent(event).then(
      () => {
        // Events nobody listens for still get a 200, or Slack would retry them.
        if (!done) void event.ack();
      },
      (err: unknown) => {
        const refused = refusalFor(err);
        if (refused && !done) {
          // Not acknowledged, so Slack redelivers (and this redelivery is not a duplicate to skip): nothing lost.
          done = true;
          if (eventId) this.seen.forget(eventId);
          this.opts.log.warn('slack request refused: database unavailable; Slack will retry', { error: err instanceof Error ? err.message : String(err) });
          resolveAck(c.json({ error: { code: refused.code, message: refused.message } }, refused.status, { 'Retry-After': String(refused.retryAfterSeconds) }));
          return;
        }
        this.opts.log.error('slack handler failed', { error: err instanceof Error ? err.message : String(err) });
        if (!done) {
          done = true;
          resolveAck(c.json({ error: { code: 'INTERNAL', message: 'Earshot could not handle this request.' } }, 500));
        }
      },
    );
    this.track(work);
    const timeout = new Promise<Response>((r) => {
      const t = setTimeout(() => {
        if (done) return;
        done = true;
        this.opts.log.warn('slack handler did not ack in time; answered anyway', { type: String(body.type ?? body.command ?? '') });
        r(c.body(null, 200));
      }, this.opts.ackTimeoutMs ?? 2500);
      t.unref();
      void acked.then(() => clearTimeout(t));
    });
    return Promise.race([acked, timeout]);
  }

  private track(p: Promise<unknown>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }
}

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.startsWith('application/x-www-form-urlencoded')) {
    const form = parseQuery(raw);
    if (typeof form.payload === 'string') return JSON.parse(form.payload) as Record<string, unknown>;
    return form as Record<string, unknown>;
  }
  return JSON.parse(raw) as Record<string, unknown>;
}

function numberHeader(v: string | undefined): number | undefined {
  const n = Number(v);
  return v !== undefined && Number.isFinite(n) ? n : undefined;
}
