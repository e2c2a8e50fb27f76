import { readFileSync } from 'node:fs';
import { createAdapter } from './adapter.js';
import { ensureSqliteDirectory, parseDatabaseUrl } from './database-url.js';
import { readMigrations } from './migrations-dir.js';
import { MIGRATIONS_DIR, SCHEMA_PATH } from './paths.js';
import { openSchemaEngine } from './schema-engine.js';

export interface TMigrateOptions {
  databaseUrl: string;
  migrationsDir?: string;
  schemaPath?: string;
}

/**
 * Brings a database to the latest migration, exactly as `prisma migrate deploy` would (same `_prisma_migrations`
 * bookkeeping), but through the WebAssembly schema engine so no native binary is needed.
 * @returns the names of the migrations applied now (empty when already current).
 */
export async function migrateDatabase(opts: TMigrateOptions): Promise<string[]> {
  const target = parseDatabaseUrl(opts.databaseUrl);
  ensureSqliteDirectory(target);
  const schemaPath = opts.schemaPath ?? SCHEMA_PATH;
  const { engine, close } = await openSchemaEngine(createAdapter(target), {
    path: schemaPath,
    content: readFileSync(schemaPath, 'utf8'),
  });
  try {
    const out = await engine.applyMigrations({
      migrationsList: readMigrations(opts.migrationsDir ?? MIGRATIONS_DIR),
      filters: { externalTables: [], externalEnums: [] },
    });
    return out.appliedMigrationNames;
  } finally {
    await close();
  }
}
