import Database, { type Statement } from 'better-sqlite3';
import { SQLITE_SYNCHRONOUS } from '../store/client.js';
import { SQLITE_LOCK_WAIT_MS, whileBusy } from '../store/sqlite-busy.js';
import type { TSqlConnection } from './sql-connection.js';
import type { TSql } from './sql.js';

const STATEMENT_CACHE = 256;

/**
 * The intake's own connection to the SQLite file, driven directly through better-sqlite3 with prepared statements
 * kept between calls. Through Prisma every statement is prepared afresh and every parameter and value passes through
 * its query interpreter — most of a batch's cost on the hot path (issue 12). Values are written exactly as Prisma's
 * SQLite adapter writes them (dates as ISO text with `+00:00`, booleans as 0/1), so the model API reads them back
 * unchanged (test/intake/batch-equivalence.test.ts compares the two paths row by row).
 *
 * Statements are synchronous, but the intake's code around them awaits: one FIFO lock keeps a statement issued
 * outside a transaction (an inbox commit) from running inside an open one, as serialised-sqlite-adapter.ts does for
 * the app's connection. Same durability settings as openDatabase: WAL, `synchronous = FULL`; like the app's connection
 * it waits up to 10 s for another connection's write lock without sleeping the thread (sqlite-busy.ts), so the acks
 * this thread commits are not held up by SQLite's coarse busy-timeout sleeps.
 */
export function openDirectSqlite(file: string): TSqlConnection {
  // SQLite's own wait only while opening (the switch to WAL may wait for another process, once); then none.
  const db = new Database(file, { timeout: SQLITE_LOCK_WAIT_MS });
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${SQLITE_SYNCHRONOUS}`);
  db.pragma('busy_timeout = 0');
  db.defaultSafeIntegers(false);
  const cache = new Map<string, Statement>();
  const prepare = (text: string): Statement => {
    let s = cache.get(text);
    if (s) {
      // Most recently used last, so the first key is the one to drop.
      cache.delete(text);
    } else {
      s = db.prepare(text);
      if (cache.size >= STATEMENT_CACHE) cache.delete(cache.keys().next().value!);
    }
    cache.set(text, s);
    return s;
  };
  const direct: TSql = {
    provider: 'sqlite',
    forUpdate: '',
    query: async <T>(text: string, params: readonly unknown[] = []) => {
      const s = prepare(text);
      const args = params.map(toSqlite);
      return whileBusy(() => (s.reader ? s.all(args) : (s.run(args), [])) as T[]);
    },
    run: async (text: string, params: readonly unknown[] = []) => {
      const s = prepare(text);
      const args = params.map(toSqlite);
      return whileBusy(() => s.run(args).changes);
    },
  };

  let tail: Promise<void> = Promise.resolve();
  const exclusive = async <T>(fn: () => Promise<T>): Promise<T> => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const turn = tail;
    tail = tail.then(() => held);
    await turn;
    try {
      return await fn();
    } finally {
      release();
    }
  };

  return {
    sql: {
      ...direct,
      query: (text, params) => exclusive(() => direct.query(text, params)),
      run: (text, params) => exclusive(() => direct.run(text, params)),
    },
    transaction: (fn) =>
      exclusive(async () => {
        // IMMEDIATE: the write lock up front (waiting out another process's writer), so what is read inside is what
        // the transaction writes over.
        const begin = prepare('BEGIN IMMEDIATE');
        await whileBusy(() => begin.run());
        try {
          const out = await fn(direct);
          prepare('COMMIT').run();
          return out;
        } catch (err) {
          if (db.inTransaction) prepare('ROLLBACK').run();
          throw err;
        }
      }),
    close: () => db.close(),
  };
}

/** A parameter as Prisma's better-sqlite3 adapter binds it (its `mapArg`, iso8601 timestamps). */
function toSqlite(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return v.toISOString().replace('Z', '+00:00');
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}
