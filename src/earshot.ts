import type { Hono } from 'hono';
import type { TOutboundConnector } from './connectors/connector.js';
import { genericWebhookHandler } from './connectors/generic/generic-webhook.js';
import type { TOrgChart } from './config/org-chart-schema.js';
import type { TEnv } from './config/env.js';
import { ingestMention } from './ingest/ingest-mention.js';
import type { TLogger } from './log.js';
import type { TPlatform } from './mention.js';
import { createDispatcher, type TDispatcher } from './outbox/dispatcher.js';
import { platformReplyHandler } from './outbox/handlers/platform-reply.js';
import type { TOutboxHandler } from './outbox/outbox-handler.js';
import { createServer } from './server.js';
import type { TDb } from './store/client.js';
import { triage } from './triage/index.js';
import type { TTriageFn } from './triage/types.js';

export interface TEarshotOptions {
  env: TEnv;
  orgChart: TOrgChart;
  db: TDb;
  log: TLogger;
  now?: () => Date;
  /** Outbound connectors by platform; chat surfaces add their own outbox handlers. */
  connectors?: ReadonlyMap<TPlatform, TOutboundConnector>;
  handlers?: readonly TOutboxHandler[];
  triage?: TTriageFn;
}

export interface TEarshot {
  app: Hono;
  dispatcher: TDispatcher;
  ingest: (m: import('./mention.js').TMention) => ReturnType<typeof ingestMention>;
}

/** The composition root: wires services to their edges. No module below imports this one. */
export function createEarshot(opts: TEarshotOptions): TEarshot {
  const now = opts.now ?? (() => new Date());
  const deps = { db: opts.db, orgChart: opts.orgChart, triage: opts.triage ?? triage, now };
  // Two processes ingesting the same redelivered webhook can race past the dedupe check; the unique key stops
  // the second insert, and the retry then finds the mention and answers "duplicate".
  const ingest = (m: import('./mention.js').TMention) =>
    retryOnUniqueViolation(() => ingestMention(deps, m));
  const app = createServer({
    db: opts.db,
    log: opts.log,
    now,
    webhooks: {
      generic: { post: genericWebhookHandler({ secret: opts.env.GENERIC_WEBHOOK_SECRET, log: opts.log, ingest }) },
    },
  });
  const dispatcher = createDispatcher({
    db: opts.db,
    log: opts.log,
    now,
    pollMs: opts.env.OUTBOX_POLL_MS,
    handlers: [platformReplyHandler(opts.db, opts.connectors ?? new Map()), ...(opts.handlers ?? [])],
  });
  return { app, dispatcher, ingest };
}

async function retryOnUniqueViolation<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if ((err as { code?: string }).code === 'P2002') return fn();
    throw err;
  }
}

