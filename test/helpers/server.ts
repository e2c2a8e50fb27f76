import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterEach } from 'vitest';
import { loadEnv } from '../../src/config/env.js';
import { createEarshot } from '../../src/earshot.js';
import { createMemoryLogger } from '../../src/log.js';
import type { TDb } from '../../src/store/client.js';
import { createTestDb } from './db.js';
import { exampleOrgChart } from './org-chart.js';

export const SECRET = 'test-generic-secret-0123456789';
const servers: Server[] = [];
const stopAfter: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (stopAfter.length) await stopAfter.pop()!();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** The real Earshot HTTP server on a free loopback port, over a fresh SQLite database (or the one given: PostgreSQL). */
export async function startTestServer(env: Record<string, string> = {}, o: { intakeWorker?: boolean; database?: { db: TDb; url: string } } = {}) {
  const { db, url } = o.database ?? (await createTestDb());
  const log = createMemoryLogger();
  const earshot = createEarshot({
    env: loadEnv({ GENERIC_WEBHOOK_SECRET: SECRET, ...env }),
    orgChart: exampleOrgChart(),
    db,
    log,
    // As `earshot start` runs it: inbox commits and pipeline in a worker thread with a connection of its own.
    ...(o.intakeWorker && { intakeWorker: { databaseUrl: url, logLevel: 'debug' as const } }),
  });
  if (o.intakeWorker) stopAfter.push(() => earshot.intake.stop());
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: earshot.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s as Server)) as Server;
  });
  servers.push(server);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { db, log, base, earshot };
}
