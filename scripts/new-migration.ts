/**
 * Writes a new migration folder (Prisma's format) for the difference between each migration history and the schema —
 * `prisma migrate dev --create-only` without the native engine, once per database:
 *   - prisma/migrations              (SQLite) against prisma/schema.prisma, in a scratch file;
 *   - prisma/postgresql/migrations   (PostgreSQL) against the schema derived from it, in a scratch database created on
 *     EARSHOT_PG_SCRATCH_URL (default postgresql://postgres@127.0.0.1:5432/test) and dropped afterwards.
 * The PostgreSQL schema is re-derived from schema.prisma first, so no build is needed in between (the clients are:
 * run `npm run build` afterwards).
 * A history that already matches gets nothing; re-running after a failure writes only what is still missing.
 *
 * Usage: npm run migration:new -- <snake_case_name>
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrateDatabase } from '../src/store/migrate.js';
import { MIGRATIONS_DIR, POSTGRESQL_MIGRATIONS_DIR } from '../src/store/paths.js';
import { createScratchPgDatabase, DEFAULT_PG_SCRATCH_URL } from '../src/store/pg-scratch-database.js';
import { diffDatabaseToSchema } from '../src/store/schema-diff.js';
import { writePostgresqlSchema } from './postgresql-schema.mjs';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: npm run migration:new -- <snake_case_name>');
  process.exit(2);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);

/** Replays `migrationsDir` into the scratch database, diffs it against the schema, writes the difference if any. */
async function writeMigration(label: string, databaseUrl: string, migrationsDir: string): Promise<void> {
  await migrateDatabase({ databaseUrl, migrationsDir });
  const sql = await diffDatabaseToSchema(databaseUrl);
  if (!sql) {
    console.log(`${label}: the migrations already match the schema; nothing to do`);
    return;
  }
  const folder = path.join(migrationsDir, `${stamp}_${name}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'migration.sql'), sql);
  console.log(`${label}: wrote ${path.relative(process.cwd(), folder)}/migration.sql`);
}

// SQLite first and on its own: it needs nothing but this machine, so it keeps working whatever happens to PostgreSQL.
const dir = mkdtempSync(path.join(tmpdir(), 'earshot-migration-'));
try {
  await writeMigration('SQLite', `file:${path.join(dir, 'current.db')}`, MIGRATIONS_DIR);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

writePostgresqlSchema();
try {
  const scratch = await createScratchPgDatabase(process.env.EARSHOT_PG_SCRATCH_URL || DEFAULT_PG_SCRATCH_URL, 'earshot_migration');
  try {
    await writeMigration('PostgreSQL', scratch.url, POSTGRESQL_MIGRATIONS_DIR);
  } finally {
    await scratch.drop();
  }
} catch (err) {
  console.error(`PostgreSQL: no migration written: ${err instanceof Error ? err.message : String(err)}`);
  console.error('Start PostgreSQL (or set EARSHOT_PG_SCRATCH_URL) and run this again: it writes only what is still missing.');
  process.exit(1);
}
