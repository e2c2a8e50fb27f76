import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defineJob } from '../../src/jobs/job.js';
import { createScheduler } from '../../src/jobs/scheduler.js';
import { createMemoryLogger } from '../../src/log.js';
import { PACKAGE_ROOT } from '../../src/store/paths.js';
import { createTestDb } from '../helpers/db.js';
import { outboxOf, seedCase } from '../helpers/seed.js';

const TSX = pathToFileURL(path.join(PACKAGE_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const CHILD = path.join(PACKAGE_ROOT, 'test', 'jobs', 'fixtures', 'scheduler-process.ts');

function recordingJob(id: string, schedule: string, seen: string[], fail?: string) {
  return defineJob({
    id,
    schedule,
    async handler({ slot }) {
      seen.push(slot.toISOString());
      if (fail) throw new Error(fail);
    },
  });
}

describe('scheduler', () => {
  it('runs a slot once: a second runDue for the same slot skips it', async () => {
    const { db } = await createTestDb();
    const seen: string[] = [];
    const s = createScheduler({ db, log: createMemoryLogger(), jobs: [recordingJob('tick', '*/15 * * * *', seen)] });
    expect(await s.runDue(new Date('2026-11-23T10:07:00Z'))).toEqual([{ jobId: 'tick', slot: '2026-11-23T10:00:00.000Z', status: 'done' }]);
    expect((await s.runDue(new Date('2026-11-23T10:14:59Z')))[0]!.status).toBe('skipped');
    // A second scheduler (another process's view) finds the slot taken too.
    const other = createScheduler({ db, log: createMemoryLogger(), jobs: [recordingJob('tick', '*/15 * * * *', seen)] });
    expect((await other.runDue(new Date('2026-11-23T10:08:00Z')))[0]!.status).toBe('skipped');
    expect(seen).toEqual(['2026-11-23T10:00:00.000Z']);
    const runs = await db.jobRun.findMany();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ jobId: 'tick', slot: '2026-11-23T10:00:00.000Z', status: 'done', error: null });
    expect(runs[0]!.finishedAt).toBeInstanceOf(Date);
  });

  it('records a failed run with its message, logs it, and does not retry that slot', async () => {
    const { db } = await createTestDb();
    const log = createMemoryLogger();
    const seen: string[] = [];
    const s = createScheduler({ db, log, jobs: [recordingJob('boom', '0 * * * *', seen, 'platform said no')] });
    expect(await s.runDue(new Date('2026-11-23T10:30:00Z'))).toEqual([{ jobId: 'boom', slot: '2026-11-23T10:00:00.000Z', status: 'failed', error: 'platform said no' }]);
    expect((await s.runDue(new Date('2026-11-23T10:31:00Z')))[0]!.status).toBe('skipped');
    expect(await db.jobRun.findFirst()).toMatchObject({ status: 'failed', error: 'platform said no' });
    expect(log.lines).toContainEqual(expect.objectContaining({ level: 'error', msg: 'job failed', job: 'boom', error: 'platform said no' }));
    expect(seen).toHaveLength(1);
  });

  it('on start runs only the most recent slot missed during downtime, once', async () => {
    const { db } = await createTestDb();
    const seen: string[] = [];
    const job = () => recordingJob('nightly', '0 3 * * *', seen);
    await createScheduler({ db, log: createMemoryLogger(), jobs: [job()], now: () => new Date('2026-11-20T04:00:00Z') }).runDue();
    // Down from the 20th to the 23rd: slots on the 21st, 22nd and 23rd were missed.
    for (let i = 0; i < 2; i++) {
      const s = createScheduler({ db, log: createMemoryLogger(), jobs: [job()], now: () => new Date('2026-11-23T10:00:00Z') });
      await s.start();
      await s.stop();
    }
    expect(seen).toEqual(['2026-11-20T03:00:00.000Z', '2026-11-23T03:00:00.000Z']);
    expect((await db.jobRun.findMany({ orderBy: { slot: 'asc' } })).map((r) => r.slot)).toEqual(['2026-11-20T03:00:00.000Z', '2026-11-23T03:00:00.000Z']);
  });

  it('stop() waits for a handler still running', async () => {
    const { db } = await createTestDb();
    let release!: () => void;
    let finished = false;
    const slow = defineJob({
      id: 'slow',
      schedule: '* * * * *',
      async handler() {
        await new Promise<void>((r) => (release = r));
        finished = true;
      },
    });
    const s = createScheduler({ db, log: createMemoryLogger(), jobs: [slow] });
    const run = s.runDue(new Date('2026-11-23T10:00:30Z'));
    await new Promise((r) => setTimeout(r, 50));
    let stopped = false;
    const stopping = s.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(finished).toBe(true);
    expect((await run)[0]!.status).toBe('done');
  });

  it('refuses duplicate job ids and invalid schedules at start-up', async () => {
    const { db } = await createTestDb();
    const a = recordingJob('same', '* * * * *', []);
    expect(() => createScheduler({ db, log: createMemoryLogger(), jobs: [a, a] })).toThrow(/two jobs share the id "same"/);
    expect(() => recordingJob('bad', '* * *', [])).toThrow(/invalid cron expression/);
    expect(() => recordingJob('Bad Id', '* * * * *', [])).toThrow(/job id "Bad Id"/);
  });

  it('two real processes on one SQLite file: every slot runs exactly once, one set of outbox items', async () => {
    const { db, url } = await createTestDb();
    const base = new Date('2026-11-23T10:00:00Z');
    // Open cases whose SLA runs out during the slots, so the real SLA sweep has alerts to race over.
    for (let i = 0; i < 3; i++) await seedCase(db, { now: new Date(base.getTime() - (50 + i * 10) * 60_000) });
    const SLOTS = 12;
    const goAt = String(Date.now() + 4000);
    const run = () =>
      new Promise<{ status: string; slot: string; jobId: string }[]>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', TSX, CHILD, url, goAt, base.toISOString(), String(SLOTS)], { cwd: PACKAGE_ROOT });
        let out = '';
        let err = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`child exited ${code}: ${err}`))));
      });
    const [a, b] = await Promise.all([run(), run()]);
    const ran = [...a, ...b].filter((o) => o.status !== 'skipped');
    const key = (o: { jobId: string; slot: string }) => `${o.jobId}@${o.slot}`;
    // Each (job, slot) ran in exactly one of the two processes.
    expect(new Set(ran.map(key)).size).toBe(ran.length);
    const runs = await db.jobRun.findMany();
    expect(runs.map(key).sort()).toEqual(ran.map(key).sort());
    expect(runs.filter((r) => r.jobId === 'probe')).toHaveLength(SLOTS);
    expect(runs.filter((r) => r.status !== 'done').map((r) => `${key(r)}: ${r.error}`)).toEqual([]);
    // The probe's rows name the process that wrote them: one row per slot means no slot ran twice.
    const probes = await db.outboxItem.findMany({ where: { destination: 'probe' } });
    expect(probes).toHaveLength(SLOTS);
    expect(new Set(probes.map((p) => JSON.parse(p.payload).date)).size).toBe(SLOTS);
    // The SLA sweep, raced over by both processes, queued each alert once.
    const alerts = await outboxOf(db, 'sla.alert');
    expect(alerts.length).toBeGreaterThan(0);
    expect(new Set(alerts.map((x) => x.idempotencyKey)).size).toBe(alerts.length);
    expect(await db.caseEvent.count({ where: { action: 'sla_escalated' } })).toBe(alerts.filter((x) => JSON.parse(x.payload).stage === 'escalated').length);
  }, 60_000);
});
