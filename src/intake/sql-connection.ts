import type { TDb } from '../store/client.js';
import { transact } from '../store/transaction-retry.js';
import { sqlOf, type TSql } from './sql.js';

/**
 * Where the intake's SQL runs: statements outside a transaction (`sql`) and transactions, whose statements never
 * interleave with anyone else's on the same connection. Either the app's Prisma client, or on SQLite a direct
 * connection of the intake's own (direct-sqlite.ts).
 */
export interface TSqlConnection {
  sql: TSql;
  /** Runs `fn` in one transaction (write lock up front on SQLite); never re-runs it. */
  transaction<T>(fn: (tx: TSql) => Promise<T>): Promise<T>;
  close(): void;
}

/** The intake's SQL through the app's Prisma client (PostgreSQL, and SQLite callers that give no file). */
export function prismaSqlConnection(db: TDb): TSqlConnection {
  const sql = sqlOf(db);
  return {
    sql,
    // One attempt: the pipeline's own retry decides what a failed batch means (triage has already seen it).
    transaction: (fn) => transact(db, (tx) => fn(sqlOf(tx, sql.provider)), 1),
    close() {},
  };
}
