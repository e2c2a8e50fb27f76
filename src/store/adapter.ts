import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { TDatabaseTarget } from './database-url.js';
import { CatalogFriendlyClient } from './pg-catalog-client.js';
import { serialisedSqlite } from './serialised-sqlite-adapter.js';
import { SQLITE_LOCK_WAIT_MS } from './sqlite-busy.js';

/**
 * The one place that knows which driver adapter serves which database.
 * @param use `schema-engine` for migrations and diffs, whose catalog queries need a more tolerant PostgreSQL client.
 */
export function createAdapter(target: TDatabaseTarget, use: 'app' | 'schema-engine' = 'app'): SqlMigrationAwareDriverAdapterFactory {
  switch (target.provider) {
    case 'sqlite':
      // `timeout` is better-sqlite3's busy timeout, a sleep of the whole thread: the app's connection has none and
      // waits for another connection's lock without blocking the event loop, one statement at a time (see
      // serialised-sqlite-adapter.ts); the schema engine has a connection of its own and keeps SQLite's own wait.
      return use === 'app' ? serialisedSqlite(new PrismaBetterSqlite3({ url: target.url, timeout: 0 })) : new PrismaBetterSqlite3({ url: target.url, timeout: SQLITE_LOCK_WAIT_MS });
    case 'postgresql':
      return new PrismaPg({ connectionString: target.url, ...(use === 'schema-engine' && { Client: CatalogFriendlyClient }) });
  }
}
