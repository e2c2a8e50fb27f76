import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/client.js';
import { postMention, startEarshotProcess } from '../helpers/earshot-process.js';
import { startOwnPgCluster } from '../helpers/own-pg-cluster.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const untilSecond = async (lo: number, hi: number) => {
  while (!(new Date().getUTCSeconds() >= lo && new Date().getUTCSeconds() < hi)) await sleep(200);
};
const minuteOf = (t: number) => new Date(Math.floor(t / 60_000) * 60_000).toISOString();

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

describe('a PostgreSQL restart across a minute boundary', () => {
  it('leaves Earshot up: inbound answers 503 with Retry-After meanwhile, and the missed every-minute slots run once when the database is back', { timeout: 240_000 }, async () => {
    const pg = await startOwnPgCluster();
    const app = await startEarshotProcess(pg.url, { JOBS_ENABLED: 'true' });
    const db = await openDatabase(pg.url);
    try {
      // Stop a few seconds before a minute boundary, so the every-minute jobs (SLA sweep, stats roll-up) tick while it is down.
      await untilSecond(50, 54);
      const missed = minuteOf(Date.now() + 60_000);
      await pg.stop();
      while (minuteOf(Date.now()) !== missed) await sleep(200);
      await sleep(3000);

      const down = await fetch(`${app.base}/healthz`);
      expect(down.status).toBe(503);
      const hook = await postMention(app.base, { platform: 'generic', externalId: `restart-${Date.now()}`, text: 'hello', createdAt: new Date().toISOString(), author: { handle: 'ana' } });
      expect(hook.status).toBe(503);
      expect(app.stderr()).not.toMatch(/earshot exited/);

      await pg.start();
      // The slot that fell during the outage is retried and runs once, without waiting for the next tick.
      const runs = await waitFor(
        'the missed slot to run',
        async () => {
          const r = await db.jobRun.findMany({ where: { slot: missed, jobId: { in: ['sla-sweep', 'stats-rollup'] } } });
          return r.length === 2 && r.every((x) => x.status === 'done') ? r : undefined;
        },
        45_000,
      );
      expect(runs.map((r) => r.jobId).sort()).toEqual(['sla-sweep', 'stats-rollup']);
      expect((await fetch(`${app.base}/healthz`)).status).toBe(200);

      // And the schedule goes on: the next minute's slot runs too, each slot exactly once.
      const next = new Date(new Date(missed).getTime() + 60_000).toISOString();
      await waitFor('the next slot', async () => ((await db.jobRun.count({ where: { slot: next, jobId: 'sla-sweep', status: 'done' } })) === 1 ? true : undefined), 90_000);
      const perSlot = await db.jobRun.groupBy({ by: ['jobId', 'slot'], _count: { _all: true } });
      expect(perSlot.filter((g) => g._count._all !== 1)).toEqual([]);

      const log = app.stderr();
      expect(log).toMatch(/"msg":"job slot not claimed: database unreachable; retrying"/);
      expect(log).not.toMatch(/unexpected rejection in background work/);
      // Still the same process, and it stops cleanly.
      expect(await app.stop()).toBe(0);
    } finally {
      await db.$disconnect();
    }
  });
});
