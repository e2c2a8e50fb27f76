import { describe, expect, it } from 'vitest';
import type { TPoller } from '../../src/connectors/connector.js';
import { pollingJobs } from '../../src/jobs/definitions/connector-polling.js';
import { createScheduler } from '../../src/jobs/scheduler.js';
import { createMemoryLogger } from '../../src/log.js';
import type { TMention } from '../../src/mention.js';
import { createTestIntake } from '../helpers/intake.js';
import { createTestDb } from '../helpers/db.js';
import { mention } from '../helpers/mentions.js';
import { exampleOrgChart } from '../helpers/org-chart.js';

/**
 * Stands in for a platform's notifications API: posts in arrival order, paged by an opaque cursor (the last
 * id seen), the way Mastodon's `since_id` or Bluesky's `cursor` work. It records the cursors it was asked for.
 */
function fakeInbox() {
  const posts: TMention[] = [];
  const asked: (string | null)[] = [];
  let failNext: Error | null = null;
  const poller: TPoller = {
    stream: 'mentions',
    schedule: '*/2 * * * *',
    async poll(cursor) {
      asked.push(cursor);
      if (failNext) {
        const e = failNext;
        failNext = null;
        throw e;
      }
      // First run starts from "now": the history before it is not replayed.
      if (cursor === null) return { mentions: [], cursor: posts.at(-1)?.externalId ?? '0' };
      const from = posts.findIndex((p) => p.externalId === cursor) + 1;
      const page = posts.slice(from);
      return { mentions: page, cursor: page.at(-1)?.externalId ?? cursor };
    },
  };
  return { poller, posts, asked, fail: (e: Error) => (failNext = e) };
}

describe('connector polling jobs', () => {
  it('one job per poller, resuming from the stored cursor: nothing missed, nothing twice, across restarts', async () => {
    const { db } = await createTestDb();
    const orgChart = exampleOrgChart();
    const ingested: string[] = [];
    const intake = createTestIntake(db, { orgChart, now: () => new Date('2026-11-23T10:00:00Z') });
    const ingest = async (ms: readonly TMention[], source: string) => {
      ingested.push(...ms.map((m) => m.externalId));
      return intake.accept(ms, source);
    };
    const inbox = fakeInbox();
    inbox.posts.push(mention({ externalId: 'p1' }));
    const jobs = () => pollingJobs([{ id: 'mastodon', pollers: [inbox.poller] }, { id: 'x' }], ingest);
    expect(jobs().map((j) => [j.id, j.schedule])).toEqual([['poll:mastodon:mentions', '*/2 * * * *']]);

    const first = createScheduler({ db, log: createMemoryLogger(), jobs: jobs() });
    await first.runDue(new Date('2026-11-23T10:00:00Z')); // first run: cursor at the newest post, p1 not replayed
    inbox.posts.push(mention({ externalId: 'p2', author: { handle: 'alex' } }), mention({ externalId: 'p3', author: { handle: 'sam' } }));
    await first.runDue(new Date('2026-11-23T10:02:00Z'));

    // "Restart": a new scheduler on the same database picks up where the old one stopped.
    inbox.posts.push(mention({ externalId: 'p4', author: { handle: 'kim' } }));
    const second = createScheduler({ db, log: createMemoryLogger(), jobs: jobs() });
    await second.runDue(new Date('2026-11-23T10:04:00Z'));
    await second.runDue(new Date('2026-11-23T10:06:00Z'));

    expect(inbox.asked).toEqual([null, 'p1', 'p3', 'p4']);
    expect(ingested).toEqual(['p2', 'p3', 'p4']);
    expect((await db.inboxItem.findMany({ orderBy: { seq: 'asc' } })).map((i) => [i.externalId, i.source])).toEqual([['p2', 'poll:mastodon:mentions'], ['p3', 'poll:mastodon:mentions'], ['p4', 'poll:mastodon:mentions']]);
    await intake.drain();
    expect((await db.mention.findMany({ orderBy: { externalId: 'asc' } })).map((m) => m.externalId)).toEqual(['p2', 'p3', 'p4']);
    expect(await db.connectorCursor.findUnique({ where: { connector_stream: { connector: 'mastodon', stream: 'mentions' } } })).toMatchObject({ cursor: 'p4' });
  });

  it('a failing poll is logged, recorded as failed and keeps the old cursor', async () => {
    const { db } = await createTestDb();
    const inbox = fakeInbox();
    await db.connectorCursor.create({ data: { connector: 'mastodon', stream: 'mentions', cursor: 'p0', updatedAt: new Date('2026-11-23T09:00:00Z') } });
    const log = createMemoryLogger();
    const s = createScheduler({ db, log, jobs: pollingJobs([{ id: 'mastodon', pollers: [inbox.poller] }], async () => undefined) });
    inbox.fail(new Error('HTTP 503 from the instance'));
    const [out] = await s.runDue(new Date('2026-11-23T10:00:00Z'));
    expect(out).toMatchObject({ status: 'failed', error: 'HTTP 503 from the instance' });
    expect(log.lines).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'poll failed; keeping the cursor', connector: 'mastodon', stream: 'mentions' }));
    expect((await db.connectorCursor.findFirstOrThrow()).cursor).toBe('p0');
    expect(await db.jobRun.findFirst()).toMatchObject({ jobId: 'poll:mastodon:mentions', status: 'failed' });
  });

  it('an accept failure leaves the cursor, and the retry stores the rest without duplicates', async () => {
    const { db } = await createTestDb();
    const orgChart = exampleOrgChart();
    const inbox = fakeInbox();
    await db.connectorCursor.create({ data: { connector: 'mastodon', stream: 'mentions', cursor: '0', updatedAt: new Date('2026-11-23T09:00:00Z') } });
    inbox.posts.push(mention({ externalId: 'a' }), mention({ externalId: 'b', author: { handle: 'bo' } }));
    let breakOn: string | null = 'b';
    const intake = createTestIntake(db, { orgChart, now: () => new Date('2026-11-23T10:00:00Z') });
    const ingest = async (ms: readonly TMention[], source: string) => {
      if (ms.some((m) => m.externalId === breakOn)) {
        breakOn = null;
        throw new Error('database is full');
      }
      return intake.accept(ms, source);
    };
    const s = createScheduler({ db, log: createMemoryLogger(), jobs: pollingJobs([{ id: 'mastodon', pollers: [inbox.poller] }], ingest) });
    expect((await s.runDue(new Date('2026-11-23T10:00:00Z')))[0]!.status).toBe('failed');
    expect((await db.connectorCursor.findFirstOrThrow()).cursor).toBe('0');
    expect((await s.runDue(new Date('2026-11-23T10:02:00Z')))[0]!.status).toBe('done');
    await intake.drain();
    expect((await db.mention.findMany({ orderBy: { externalId: 'asc' } })).map((m) => m.externalId)).toEqual(['a', 'b']);
    expect((await db.connectorCursor.findFirstOrThrow()).cursor).toBe('b');
  });
});
