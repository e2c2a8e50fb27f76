import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/client.js';
import { createTestDb } from '../helpers/db.js';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('one SQLite connection, one statement stream', () => {
  it('a statement issued while a transaction is open runs after it, not inside it (and survives its rollback)', async () => {
    const { db } = await createTestDb();
    let inside!: () => void;
    const opened = new Promise<void>((r) => (inside = r));
    const failing = db.$transaction(async (tx) => {
      await tx.jobRun.create({ data: { jobId: 'doomed', slot: 's', status: 'running', owner: 'a', startedAt: new Date() } });
      inside();
      await pause(100);
      throw new Error('rolled back on purpose');
    });
    await opened;
    // What /healthz, the scheduler or the outbox dispatcher do while someone else's transaction is open.
    // (Prisma's promises are lazy: then() sends them now, while the transaction is open.)
    const seen = db.$queryRawUnsafe<{ n: bigint | number }[]>('SELECT count(*) AS n FROM "JobRun"').then((r) => r);
    const write = db.$executeRawUnsafe(`INSERT INTO "ConnectorCursor" ("connector", "stream", "cursor", "updatedAt") VALUES ('reddit', 'inbox', 'c1', '2026-11-23T10:00:00.000+00:00')`).then((n) => n);
    const modelWrite = db.connectorCursor.create({ data: { connector: 'x', stream: 'mentions', cursor: 'c2', updatedAt: new Date() } }).then((c) => c);
    await expect(failing).rejects.toThrow('rolled back on purpose');
    await write;
    await modelWrite;
    expect(Number((await seen)[0]!.n)).toBe(0); // never saw the uncommitted row
    expect(await db.jobRun.count()).toBe(0);
    expect(await db.connectorCursor.count()).toBe(2); // was not rolled back with the other transaction
  });

  it('sets synchronous = FULL on every connection, also when the file is already in WAL mode', async () => {
    const { db, url } = await createTestDb();
    const level = async (d: typeof db) => Number((await d.$queryRawUnsafe<{ synchronous: bigint | number }[]>('PRAGMA synchronous'))[0]!.synchronous);
    expect(await level(db)).toBe(2);
    const again = await openDatabase(url); // the file is in WAL mode now: SQLite's own default would be NORMAL (1)
    try {
      expect(await level(again)).toBe(2);
    } finally {
      await again.$disconnect();
    }
  });
});
