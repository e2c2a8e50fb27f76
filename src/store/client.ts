import { PrismaClient } from '../generated/prisma/client.js';
import { createAdapter } from './adapter.js';
import { ensureSqliteDirectory, parseDatabaseUrl } from './database-url.js';

export type TDb = PrismaClient;
/** The client handed to callbacks of `db.$transaction(async (tx) => …)`. */
export type TTx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

/** Opens the database named by DATABASE_URL. SQLite gets WAL so readers never block the writer. */
export async function openDatabase(databaseUrl: string): Promise<TDb> {
  const target = parseDatabaseUrl(databaseUrl);
  ensureSqliteDirectory(target);
  const db = new PrismaClient({ adapter: createAdapter(target) });
  if (target.provider === 'sqlite' && target.file !== ':memory:') {
    await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  }
  return db;
}
