import { inheritProvider, providerOf, type TDb, type TTx } from './client.js';

// Prisma 7 reports SQLite's busy timeout as P1008 "Operation has timed out".
const RETRYABLE = /SQLITE_BUSY|database is locked|TransactionWriteConflict|P2034|P1008|Operation has timed out|could not serialize|deadlock detected|SocketTimeout/i;

/**
 * Runs an interactive transaction, retrying when the database reports a write conflict. Two Earshot processes on one
 * SQLite file (or PostgreSQL under contention) can collide; the loser simply re-reads and decides again.
 */
export async function transact<T>(db: TDb, fn: (tx: TTx) => Promise<T>, attempts = 5): Promise<T> {
  const sqlite = providerOf(db) === 'sqlite';
  for (let i = 1; ; i++) {
    try {
      return await db.$transaction(
        async (tx) => {
          inheritProvider(tx, db);
          // SQLite opens transactions deferred: one that reads, then writes after another process wrote, fails at
          // once (SQLITE_BUSY_SNAPSHOT) instead of waiting. A write first takes the lock up front, so reads inside
          // see the latest state. It matches no row. PostgreSQL needs none of this (row locks wait), and rejects the
          // NUL byte in text, so it is SQLite only.
          if (sqlite) await tx.jobRun.updateMany({ where: { id: '\u0000lock' }, data: { status: 'lock' } });
          return fn(tx);
        },
        { maxWait: 10_000, timeout: 20_000 },
      );
    } catch (err) {
      const text = err instanceof Error ? `${err.message} ${(err as { code?: string }).code ?? ''}` : String(err);
      if (i >= attempts || !RETRYABLE.test(text)) throw err;
      await new Promise((r) => setTimeout(r, 10 * 2 ** i + Math.random() * 20));
    }
  }
}
