import { PrismaClient } from '../generated/prisma/client.js';
import { createAdapter } from './adapter.js';
import { ensureSqliteDirectory, parseDatabaseUrl } from './database-url.js';

export type TDb = PrismaClient;
/** The client handed to callbacks of `db.$transaction(async (tx) => …)`. */
export type TTx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

export type TProvider = 'sqlite' | 'postgresql';

/**
 * Chosen, not inherited: SQLite's default depends on whether the file was already in WAL mode when the connection
 * opened (FULL on a fresh file, NORMAL after a restart with this build). FULL fsyncs the WAL at every commit, so a
 * committed transaction — an acknowledged mention above all — survives a power cut or kernel crash, not only a killed
 * process. The inbox's group commit shares one fsync between all requests waiting at that moment, which is what keeps
 * this affordable (about 7 ms per fsync on the development machine).
 */
export const SQLITE_SYNCHRONOUS = 'FULL';

const providers = new WeakMap<object, TProvider>();

/**
 * Which database a client talks to, for the few places that take a provider-specific path (the outbox claim).
 * Clients not made by openDatabase count as SQLite: the portable path is correct on both, only slower under contention.
 */
export function providerOf(db: TDb): TProvider {
  return providers.get(db) ?? 'sqlite';
}

/** A transaction's client talks to its parent's database: so raw SQL run on it takes the right placeholders. */
export function inheritProvider(tx: object, db: TDb): void {
  providers.set(tx, providerOf(db));
}

/**
 * Opens the database named by DATABASE_URL (`file:` → SQLite, `postgresql://` → PostgreSQL).
 * SQLite gets WAL so readers never block the writer.
 * @throws ConfigError when the URL names neither.
 * @example const db = await openDatabase(env.DATABASE_URL);
 */
export async function openDatabase(databaseUrl: string): Promise<TDb> {
  const target = parseDatabaseUrl(databaseUrl);
  if (target.provider === 'postgresql') {
    // Prisma bakes the provider into a generated client, so PostgreSQL has its own, generated from a schema derived
    // mechanically from prisma/schema.prisma (scripts/postgresql-schema.mjs): the model API is the same, and services
    // see one type. This is the only place the two clients meet. Loaded on demand: SQLite deployments never pay for it.
    const { PrismaClient: PostgresqlPrismaClient } = await import('../generated/prisma-postgresql/client.js');
    const pg = new PostgresqlPrismaClient({ adapter: createAdapter(target) }) as unknown as TDb;
    providers.set(pg, 'postgresql');
    return pg;
  }
  ensureSqliteDirectory(target);
  const db = new PrismaClient({ adapter: createAdapter(target) });
  providers.set(db, 'sqlite');
  if (target.file !== ':memory:') {
    await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  }
  await db.$queryRawUnsafe(`PRAGMA synchronous = ${SQLITE_SYNCHRONOUS}`);
  return db;
}
