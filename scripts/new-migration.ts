/**
 * Writes a new migration folder (Prisma's format) for the difference between the migrations already in
 * prisma/migrations and prisma/schema.prisma — `prisma migrate dev --create-only` without the native engine.
 *
 * Usage: npx tsx scripts/new-migration.ts <snake_case_name>
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { migrateDatabase } from '../src/store/migrate.js';
import { MIGRATIONS_DIR, SCHEMA_PATH } from '../src/store/paths.js';
import { openSchemaEngine } from '../src/store/schema-engine.js';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: npx tsx scripts/new-migration.ts <snake_case_name>');
  process.exit(2);
}

const dir = mkdtempSync(path.join(tmpdir(), 'earshot-migration-'));
try {
  const file = path.join(dir, 'current.db');
  // Replaying the history into a scratch database gives the "from" side of the diff.
  await migrateDatabase({ databaseUrl: `file:${file}` });
  const schema = { path: SCHEMA_PATH, content: readFileSync(SCHEMA_PATH, 'utf8') };
  const { engine, close } = await openSchemaEngine(new PrismaBetterSqlite3({ url: `file:${file}` }), schema);
  const diff = await engine.diff({
    from: { tag: 'schemaDatasource', files: [schema], configDir: path.dirname(SCHEMA_PATH) },
    to: { tag: 'schemaDatamodel', files: [schema] },
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  await close();
  const sql = diff.stdout ?? '';
  if (/^-- This is an empty migration\.\s*$/.test(sql)) {
    console.log('schema.prisma matches the migrations: nothing to do');
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const folder = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'migration.sql'), sql);
    console.log(`wrote ${path.relative(process.cwd(), folder)}/migration.sql`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
