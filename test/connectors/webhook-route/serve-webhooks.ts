import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import type { TWebhookSource } from '../../../src/connectors/connector.js';
import { webhookRoute } from '../../../src/connectors/webhook-route.js';
import { createMemoryLogger } from '../../../src/log.js';
import { createServer } from '../../../src/server.js';
import { createTestDb } from '../../helpers/db.js';
import { createTestIntake } from '../../helpers/intake.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/**
 * The real HTTP server with the given webhook sources mounted through webhookRoute and a real ingest over a
 * fresh database, on a free loopback port.
 */
export async function startWebhookServer(sources: Record<string, TWebhookSource>, now: () => Date = () => new Date()) {
  const { db } = await createTestDb();
  const log = createMemoryLogger();
  const intake = createTestIntake(db, { now });
  const webhooks = Object.fromEntries(Object.entries(sources).map(([name, s]) => [name, webhookRoute(s, { intake, log, now, name })]));
  const app = createServer({ db, log, now, webhooks });
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s as Server)) as Server;
  });
  servers.push(server);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // What the pipeline makes of what was accepted: processed first, so a test sees the stored result of its deliveries.
  const stored = async () => {
    await intake.drain();
    return { mentions: await db.mention.count(), cases: await db.case.count(), outbox: await db.outboxItem.count() };
  };
  return { base, db, log, stored, intake };
}
