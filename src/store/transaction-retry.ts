import type { TDb, TTx } from './client.js';

const RETRYABLE = /SQLITE_BUSY|database is locked|TransactionWriteConflict|P2034|could not serialize|deadlock detected|SocketTimeout/i;

/**
 * Runs an interactive transaction, retrying when the database reports a write conflict. Two Earshot processes on one
 * SQLite file (or PostgreSQL under contention) can collide; the loser simply re-reads and decides again.
 */
export async function transact<T>(db: TDb, fn: (tx: TTx) => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await db.$transaction(fn, { maxWait: 10_000, timeout: 20_000 });
    } catch (err) {
      const text = err instanceof Error ? `${err.message} ${(err as { code?: string }).code ?? ''}` : String(err);
      if (i >= attempts || !RETRYABLE.test(text)) throw err;
      await new Promise((r) => setTimeout(r, 10 * 2 ** i + Math.random() * 20));
    }
  }
}
