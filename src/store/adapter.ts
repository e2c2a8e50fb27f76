import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { TDatabaseTarget } from './database-url.js';

/** The one place that knows which driver adapter serves which database. */
export function createAdapter(target: TDatabaseTarget): SqlMigrationAwareDriverAdapterFactory {
  if (target.provider === 'sqlite') {
    // `timeout` is better-sqlite3's busy timeout: several Earshot processes may share one file.
    return new PrismaBetterSqlite3({ url: target.url, timeout: 10_000 });
  }
  throw new Error('PostgreSQL is not supported yet by this build: set DATABASE_URL to a "file:" SQLite path');
}
