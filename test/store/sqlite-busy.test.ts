import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDirectSqlite } from '../../src/intake/direct-sqlite.js';
import { isSqliteBusy, whileBusy } from '../../src/store/sqlite-busy.js';
import { createTestDb } from '../helpers/db.js';

/**
 * Another connection (another process, the intake's thread) holds the write lock; it lets go from a timer of this
 * thread. SQLite's busy timeout slept the whole thread, so that timer could not fire until the wait gave up (10 s,
 * then "database is locked"); now the wait is asynchronous and the event loop keeps running meanwhile.
 */
function holdWriteLock(file: string) {
  const other = new Database(file);
  other.prepare('BEGIN IMMEDIATE').run();
  other.prepare(`INSERT OR REPLACE INTO "ConnectorCursor" ("connector", "stream", "cursor", "updatedAt") VALUES ('other', 'lock', 'c0', '2026-11-23T10:00:00.000+00:00')`).run();
  let ticks = 0;
  const ticker = setInterval(() => ticks++, 5);
  let releasedAt = 0;
  const released = new Promise<void>((resolve) =>
    setTimeout(() => {
      other.prepare('COMMIT').run();
      other.close();
      releasedAt = ticks;
      resolve();
    }, 150),
  );
  return {
    released,
    /** Timer turns while the lock was held, and in all. */
    ticks: () => ({ whileHeld: releasedAt, total: ticks }),
    stop: () => clearInterval(ticker),
  };
}

describe('waiting for another connection\'s SQLite write lock', () => {
  it('the app\'s connection waits without blocking the event loop, and its write lands once the lock is free', async () => {
    const { db, file } = await createTestDb();
    const lock = holdWriteLock(file);
    try {
      const write = db.connectorCursor.create({ data: { connector: 'x', stream: 'mentions', cursor: 'c1', updatedAt: new Date() } });
      await write;
      await lock.released;
      // The lock was released by a timer while the write waited: the thread was not asleep in SQLite.
      expect(lock.ticks().whileHeld).toBeGreaterThan(0);
      expect((await db.connectorCursor.findMany({ orderBy: { connector: 'asc' } })).map((c) => c.connector)).toEqual(['other', 'x']);
    } finally {
      lock.stop();
    }
  });

  it('the intake\'s own connection (inbox commits, batches) waits the same way, in and out of a transaction', async () => {
    const { db, file } = await createTestDb();
    const conn = openDirectSqlite(file);
    try {
      let lock = holdWriteLock(file);
      await conn.sql.run(`INSERT INTO "ConnectorCursor" ("connector", "stream", "cursor", "updatedAt") VALUES ('direct', 'one', 'c1', '2026-11-23T10:00:00.000+00:00')`);
      expect(lock.ticks().whileHeld).toBeGreaterThan(0);
      lock.stop();
      lock = holdWriteLock(file);
      await conn.transaction((tx) => tx.run(`UPDATE "ConnectorCursor" SET "cursor" = 'c2' WHERE "connector" = 'direct'`));
      expect(lock.ticks().whileHeld).toBeGreaterThan(0);
      lock.stop();
      expect((await db.connectorCursor.findMany({ orderBy: { connector: 'asc' } })).map((c) => `${c.connector}:${c.cursor}`)).toEqual(['direct:c2', 'other:c0']);
    } finally {
      conn.close();
    }
  });

  it('gives up with SQLite\'s own "database is locked" error after the wait, and never retries a stale snapshot or another error', async () => {
    const { file } = await createTestDb();
    const other = new Database(file);
    const mine = new Database(file, { timeout: 0 });
    try {
      other.prepare('BEGIN IMMEDIATE').run();
      const write = mine.prepare(`DELETE FROM "ConnectorCursor"`);
      let attempts = 0;
      const failed = await whileBusy(() => {
        attempts++;
        return write.run();
      }, 50).catch((e: unknown) => e);
      expect(isSqliteBusy(failed)).toBe(true);
      expect((failed as Error).message).toMatch(/database is locked/);
      expect(attempts).toBeGreaterThan(1);
      other.prepare('ROLLBACK').run();

      let calls = 0;
      const bad = await whileBusy(() => {
        calls++;
        throw Object.assign(new Error('stale snapshot'), { code: 'SQLITE_BUSY_SNAPSHOT' });
      }).catch((e: unknown) => e);
      expect((bad as Error).message).toBe('stale snapshot');
      expect(calls).toBe(1);
    } finally {
      other.close();
      mine.close();
    }
  });
});
