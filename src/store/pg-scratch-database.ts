import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Where scratch databases may be created when nothing else is said: the local server with trust auth. */
export const DEFAULT_PG_SCRATCH_URL = 'postgresql://postgres@127.0.0.1:5432/test';

export interface TScratchDatabase {
  /** Connection URL of the new, empty database (same server and credentials as the admin URL). */
  url: string;
  name: string;
  /** Drops the database, closing any connection still open on it. Safe to call twice. */
  drop(): Promise<void>;
}

/**
 * Creates an empty database (or a copy of `opts.template`, which must have no open connections) with a unique name on the server of `adminUrl`, for tests and migration tooling that
 * must not collide with each other or with an earlier run. Needs the CREATEDB privilege.
 * @throws an Error saying which server could not be reached (host, port, database, user; never the password).
 */
export async function createScratchPgDatabase(adminUrl: string, prefix: string, opts: { template?: string } = {}): Promise<TScratchDatabase> {
  if (!/^[a-z][a-z0-9_]{0,30}$/.test(prefix)) throw new Error(`invalid scratch database prefix: ${prefix}`);
  if (opts.template !== undefined && !/^[a-z][a-z0-9_]{0,62}$/.test(opts.template)) throw new Error(`invalid template database name: ${opts.template}`);
  const name = `${prefix}_${process.pid}_${randomBytes(5).toString('hex')}`;
  // A template copy is a file-level clone: much faster than replaying migrations into every test's database.
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE "${name}"${opts.template ? ` TEMPLATE "${opts.template}"` : ''}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    name,
    async drop() {
      if (dropped) return;
      dropped = true;
      // FORCE (PostgreSQL 13+) ends connections a test left open, so a failed test cannot leak its database.
      await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

async function withAdmin<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => {});
    throw new Error(`PostgreSQL is not reachable at ${describeServer(adminUrl)}: ${reason(err)}`, { cause: err });
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Names the server without its password. */
export function describeServer(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'} (database "${decodeURIComponent(u.pathname.slice(1)) || '(default)'}", user "${decodeURIComponent(u.username) || '(default)'}")`;
  } catch {
    return '(an unparseable URL)';
  }
}

function reason(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) return reason(err.errors[0]);
  if (err instanceof Error) return (err as { code?: string }).code ? `${(err as { code?: string }).code}: ${err.message}` : err.message;
  return String(err);
}
