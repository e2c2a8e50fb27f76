/**
 * Whether an error means the database cannot be reached or used right now (down, restarting, failing over, out of
 * connections, or SQLite's writer lock held past the busy timeout), as opposed to a problem with the request itself.
 * Callers answer the first kind 503 + Retry-After ("come back later"), never 500.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const kind = adapterErrorKind(err);
  if (kind && UNAVAILABLE_KINDS.has(kind)) return true;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  return err instanceof Error && UNAVAILABLE.test(err.message);
}

// Prisma's driver-adapter error kinds (@prisma/driver-adapter-utils) that are about the connection, not the query.
const UNAVAILABLE_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections', 'TlsConnectionError']);
// Prisma's connection codes (P1001 can't reach, P1002 timed out, P1008 operation timeout, P1017 closed, P2024 pool
// timeout) and the Node socket errors under them.
const UNAVAILABLE_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', 'SQLITE_BUSY']);
const UNAVAILABLE = /Can't reach database|Connection terminated|terminating connection|the database system is (starting up|shutting down|in recovery mode)|ECONNREFUSED|ECONNRESET|database is locked|SQLITE_BUSY|Timed out fetching a new connection/i;

function adapterErrorKind(err: object): string | undefined {
  const meta = (err as { meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } }).meta;
  const direct = (err as { cause?: { kind?: unknown } }).cause;
  const kind = meta?.driverAdapterError?.cause?.kind ?? direct?.kind;
  return typeof kind === 'string' ? kind : undefined;
}
