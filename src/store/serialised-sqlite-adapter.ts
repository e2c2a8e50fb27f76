import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, SqlQuery, Transaction } from '@prisma/driver-adapter-utils';
import { whileBusy } from './sqlite-busy.js';

/**
 * One SQLite connection, one statement stream: every statement waits its turn behind any open transaction.
 *
 * better-sqlite3's Prisma adapter serialises transactions among themselves but runs a statement issued outside a
 * transaction straight away on the same connection — so `/healthz`'s `SELECT 1`, a scheduler's write or the outbox
 * dispatcher's update would execute *inside* whatever interactive transaction happened to be open, see its uncommitted
 * rows and be rolled back with it. Here a statement outside a transaction takes the same lock a transaction holds for
 * its whole life, so it runs before or after, never inside.
 *
 * The connection is opened with a busy timeout of 0 (adapter.ts): a statement that meets another connection's write
 * lock (the intake's batch, another process) waits for it asynchronously (sqlite-busy.ts) instead of putting the
 * whole thread to sleep.
 */
export function serialisedSqlite(inner: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => serialise(await inner.connect()),
    connectToShadowDb: async () => serialise(await inner.connectToShadowDb()),
  };
}

/** A FIFO lock: `acquire()` resolves with the function that releases it. */
function createLock() {
  let tail: Promise<void> = Promise.resolve();
  return {
    acquire(): Promise<() => void> {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const turn = tail.then(() => release);
      tail = tail.then(() => held);
      return turn;
    },
  };
}

function serialise(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const lock = createLock();
  const exclusive = async <T>(fn: () => Promise<T>): Promise<T> => {
    const release = await lock.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  };
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (q: SqlQuery) => exclusive(() => whileBusy(() => adapter.queryRaw(q))),
    executeRaw: (q: SqlQuery) => exclusive(() => whileBusy(() => adapter.executeRaw(q))),
    executeScript: (s: string) => exclusive(() => whileBusy(() => adapter.executeScript(s))),
    ...(adapter.getConnectionInfo && { getConnectionInfo: () => adapter.getConnectionInfo!() }),
    dispose: () => exclusive(() => adapter.dispose()),
    async startTransaction(isolationLevel) {
      const release = await lock.acquire();
      let tx: Transaction;
      try {
        tx = await adapter.startTransaction(isolationLevel);
      } catch (err) {
        release();
        throw err;
      }
      // The lock is held until the transaction ends; statements inside it use `tx` and never wait for it.
      const end = (fn: () => Promise<void>) => async () => {
        try {
          await fn();
        } finally {
          release();
        }
      };
      const wrapped: Transaction = {
        options: tx.options,
        provider: tx.provider,
        adapterName: tx.adapterName,
        queryRaw: (q: SqlQuery) => whileBusy(() => tx.queryRaw(q)),
        executeRaw: (q: SqlQuery) => whileBusy(() => tx.executeRaw(q)),
        commit: end(() => tx.commit()),
        rollback: end(() => tx.rollback()),
        ...(tx.createSavepoint && { createSavepoint: (n: string) => tx.createSavepoint!(n) }),
        ...(tx.rollbackToSavepoint && { rollbackToSavepoint: (n: string) => tx.rollbackToSavepoint!(n) }),
        ...(tx.releaseSavepoint && { releaseSavepoint: (n: string) => tx.releaseSavepoint!(n) }),
      };
      return wrapped;
    },
  };
}
