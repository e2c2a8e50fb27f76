import { afterAll, afterEach } from 'vitest';
import { openDatabase, type TDb } from '../../src/store/client.js';
import { migrateDatabase } from '../../src/store/migrate.js';
import { createScratchPgDatabase, DEFAULT_PG_SCRATCH_URL, type TScratchDatabase } from '../../src/store/pg-scratch-database.js';

const cleanups: (() => Promise<void>)[] = [];
/** One migrated template per test file (this module is loaded once per file), cloned for each test. */
let template: Promise<TScratchDatabase> | undefined;

afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

afterAll(async () => {
  const t = await template?.catch(() => undefined);
  template = undefined;
  await t?.drop();
});

/** The server the PostgreSQL tests create their databases on; CI and developers have one on 127.0.0.1:5432. */
export function pgScratchUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.EARSHOT_PG_SCRATCH_URL || DEFAULT_PG_SCRATCH_URL;
}

async function scratch(prefix: string, templateName?: string): Promise<TScratchDatabase> {
  try {
    return await createScratchPgDatabase(pgScratchUrl(), prefix, templateName ? { template: templateName } : {});
  } catch (err) {
    throw new Error(
      `${err instanceof Error ? err.message : String(err)}\n` +
        'The PostgreSQL tests need a running server: start PostgreSQL on 127.0.0.1:5432 (trust auth, database "test"), ' +
        'or set EARSHOT_PG_SCRATCH_URL to a server where this user may CREATE DATABASE.',
      { cause: err },
    );
  }
}

/**
 * An empty PostgreSQL database of the test's own (unique name, so parallel files and repeated runs never collide),
 * dropped after the test. Fails, never skips, when no server answers: the PostgreSQL path must be tested.
 */
export async function createPgScratchDb(): Promise<TScratchDatabase> {
  const db = await scratch('earshot_test');
  cleanups.push(() => db.drop());
  return db;
}

/**
 * A fresh, fully migrated PostgreSQL database of the test's own, with an open client; both go after the test.
 * @example const { db } = await createPgTestDb(); await seedCase(db);
 */
export async function createPgTestDb(): Promise<{ db: TDb; url: string; name: string }> {
  template ??= (async () => {
    const t = await scratch('earshot_template');
    try {
      await migrateDatabase({ databaseUrl: t.url });
    } catch (err) {
      await t.drop();
      throw err;
    }
    return t;
  })();
  const copy = await scratch('earshot_test', (await template).name);
  cleanups.push(() => copy.drop());
  const db = await openDatabase(copy.url);
  // Runs before the drop above (cleanups run last-in, first-out).
  cleanups.push(() => db.$disconnect());
  return { db, url: copy.url, name: copy.name };
}
