import type { TLogger } from '../log.js';

/** The parts of `process` (or a worker thread's) the guards listen on; tests hand in an EventEmitter. */
export interface TGuardedProcess {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

/**
 * Keeps a server up when background work (a timer's promise, a poller, a retry loop) rejects with nobody listening.
 * Node's default is to exit 1, which turned a routine database restart into an outage of every replica. Each such
 * rejection is a bug to fix, so it is logged as one JSON line naming where it came from; the process carries on, and
 * the work is retried by its own loop (the outbox, the pipeline and the scheduler all poll again).
 *
 * Uncaught synchronous exceptions are left to Node (exit 1 and a restart by the supervisor): after one, the
 * process's state is unknown, as Node's documentation warns.
 * @returns a function that removes the guard (for tests and shutdown).
 * @example const unguard = guardBackgroundWork(log);
 */
export function guardBackgroundWork(log: TLogger, proc: TGuardedProcess = process): () => void {
  const onRejection = (reason: unknown) => {
    const err = reason instanceof Error ? reason : undefined;
    log.error('unexpected rejection in background work; carrying on', {
      error: err ? err.message : String(reason),
      ...(err && { name: err.name }),
      // One frame says where to look; a whole stack would be many lines of internals.
      ...(err?.stack && { origin: err.stack.split('\n').find((l) => l.trim().startsWith('at '))?.trim() }),
    });
  };
  proc.on('unhandledRejection', onRejection);
  return () => void proc.off('unhandledRejection', onRejection);
}
