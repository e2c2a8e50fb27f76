/**
 * How long a statement waits for another connection's write lock before it fails as "database is locked" — the same
 * 10 s the busy timeout used to give.
 */
export const SQLITE_LOCK_WAIT_MS = 10_000;

/**
 * Whether `err` is SQLite saying "another connection holds the lock, try again" — directly from better-sqlite3
 * (`code`) or wrapped by Prisma's adapter (`cause.originalCode`). Not SQLITE_BUSY_SNAPSHOT: a transaction whose snapshot
 * is stale fails however long it waits, and SQLite's own busy handler does not retry it either.
 */
export function isSqliteBusy(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const code = (err as { code?: unknown }).code ?? (err as { cause?: { originalCode?: unknown } }).cause?.originalCode;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_RECOVERY';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `statement`, retrying while the database is locked — asynchronously. SQLite's busy timeout (better-sqlite3's
 * `timeout`) sleeps the calling thread in steps of up to 100 ms, so a web thread whose write met the intake's batch
 * transaction stopped answering anything for 100–500 ms (issue 14 item 5), and a waiter woke up to 100 ms after the
 * lock was free. Connections here are opened with a busy timeout of 0 and wait through this instead: the event loop
 * keeps serving while the statement polls every few milliseconds. Callers hold their own connection's statement lock
 * meanwhile, so statement order on the connection is unchanged.
 */
export async function whileBusy<T>(statement: () => T | Promise<T>, waitMs = SQLITE_LOCK_WAIT_MS): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (let pause = 1; ; pause = Math.min(pause * 2, 8)) {
    try {
      return await statement();
    } catch (err) {
      if (!isSqliteBusy(err) || Date.now() >= deadline) throw err;
    }
    await sleep(pause);
  }
}
