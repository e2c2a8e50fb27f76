import { Hono } from 'hono';
import { bodyLimit } from './body-limit.js';
import { AppError, toAppError } from './errors.js';
import { refusalFor, refusalResponse } from './intake/backpressure.js';
import type { TLogger } from './log.js';
import { registerBusinessMetrics } from './metrics/business-metrics.js';
import { httpMetrics } from './metrics/http-metrics.js';
import { createMetrics, type TMetrics } from './metrics/registry.js';
import type { TDb } from './store/client.js';

export const MAX_WEBHOOK_BYTES = 1024 * 1024;

export interface TServerDeps {
  db: TDb;
  log: TLogger;
  now: () => Date;
  /** Mounted under /webhooks/:connector; each connector brings its own handler. */
  webhooks: Record<string, { post: (c: import('hono').Context) => Promise<Response>; get?: (c: import('hono').Context) => Promise<Response> }>;
  /** Where /metrics reads from; modules register theirs on it. A fresh registry when absent. */
  metrics?: TMetrics;
  /** Today's stats for /metrics, from the same definition as /social stats. */
  todayStats?: () => Promise<import('./reports/stats-types.js').TStats>;
  /** Bolt's receiver for events, interactivity and slash commands; absent when Slack is not configured. */
  slackEvents?: (c: import('hono').Context) => Promise<Response>;
  /** The Bot Framework adapter's endpoint for Teams; absent when Teams is not configured. */
  teamsMessages?: (c: import('hono').Context) => Promise<Response>;
}

/**
 * The HTTP surface. Routes stay thin: they turn a request into a call on a service and an AppError into a
 * status code; nothing here knows about cases or triage.
 */
export function createServer(deps: TServerDeps): Hono {
  const app = new Hono();
  const metrics = deps.metrics ?? createMetrics();
  registerBusinessMetrics(metrics, { db: deps.db, now: deps.now, ...(deps.todayStats && { todayStats: deps.todayStats }) });

  app.use('*', httpMetrics(metrics));

  app.get('/healthz', async (c) => {
    try {
      await deps.db.$queryRawUnsafe('SELECT 1');
      return c.json({ status: 'ok' });
    } catch (err) {
      deps.log.error('health check: database unreachable', { error: err instanceof Error ? err.message : String(err) });
      return c.json({ status: 'unavailable', reason: 'database unreachable' }, 503);
    }
  });

  app.get('/metrics', async (c) => {
    return c.text(await metrics.scrape(), 200, { 'content-type': metrics.contentType });
  });

  app.on(
    ['POST'],
    '/webhooks/:connector',
    bodyLimit({
      maxSize: MAX_WEBHOOK_BYTES,
      onError: (c) => {
        deps.log.warn('webhook rejected: body too large', { connector: c.req.param('connector'), limit: MAX_WEBHOOK_BYTES });
        return c.json({ error: { code: 'PAYLOAD_TOO_LARGE', message: `Body exceeds ${MAX_WEBHOOK_BYTES} bytes.` } }, 413);
      },
    }),
    async (c) => {
      const hook = deps.webhooks[c.req.param('connector')];
      if (!hook) throw new AppError('NOT_FOUND', `No connector "${c.req.param('connector')}" is enabled.`);
      return hook.post(c);
    },
  );
  app.get('/webhooks/:connector', async (c) => {
    const hook = deps.webhooks[c.req.param('connector')];
    if (!hook?.get) throw new AppError('NOT_FOUND', `No connector "${c.req.param('connector')}" answers GET.`);
    return hook.get(c);
  });

  app.post('/slack/events', bodyLimit({ maxSize: MAX_WEBHOOK_BYTES, onError: (c) => c.json({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'Body too large.' } }, 413) }), async (c) => {
    if (!deps.slackEvents) throw new AppError('NOT_CONFIGURED', 'Slack is off: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET to enable it.');
    return deps.slackEvents(c);
  });

  app.post('/api/messages', bodyLimit({ maxSize: MAX_WEBHOOK_BYTES, onError: (c) => c.json({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'Body too large.' } }, 413) }), async (c) => {
    if (!deps.teamsMessages) throw new AppError('NOT_CONFIGURED', 'Teams is off: set TEAMS_APP_ID and TEAMS_APP_PASSWORD to enable it.');
    return deps.teamsMessages(c);
  });

  app.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: 'No such endpoint.' } }, 404));
  app.onError((err, c) => {
    // A database that is down is a "come back later" (503 + Retry-After) on every endpoint, never a 500.
    const refused = refusalFor(err);
    if (refused) return refusalResponse(c, refused);
    const e = toAppError(err);
    if (e.code === 'INTERNAL') deps.log.error('request failed', { path: c.req.path, error: err instanceof Error ? err.message : String(err) });
    return c.json({ error: { code: e.code, message: e.message } }, e.status as 400);
  });
  return app;
}
