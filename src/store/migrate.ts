import { existsSync, readFileSync } from 'node:fs';
import { createAdapter } from './adapter.js';
import { ensureSqliteDirectory, parseDatabaseUrl, type TDatabaseTarget } from './database-url.js';
import { readMigrations } from './migrations-dir.js';
import { MIGRATIONS_DIR, POSTGRESQL_MIGRATIONS_DIR, POSTGRESQL_SCHEMA_PATH, SCHEMA_PATH } from './paths.js';
import { openSchemaEngine } from './schema-engine.js';

export interface TMigrateOptions {
  databaseUrl: string;
  /** Defaults to the history of the URL's provider: prisma/migrations (SQLite) or prisma/postgresql/migrations. */
  migrationsDir?: string;
  schemaPath?: string;
}

/** Each provider has its own schema file and migration history; they describe the same data model. */
export function defaultsFor(target: TDatabaseTarget): { schemaPath: string; migrationsDir: string } {
  return target.provider === 'sqlite'
    ? { schemaPath: SCHEMA_PATH, migrationsDir: MIGRATIONS_DIR }
    : { schemaPath: POSTGRESQL_SCHEMA_PATH, migrationsDir: POSTGRESQL_MIGRATIONS_DIR };
}

/**
 * Brings a database to the latest migration, exactly as `prisma migrate deploy` would (same `_prisma_migrations`
 * bookkeeping, and on PostgreSQL the same advisory lock, so concurrent starts apply each migration once), but through
 * the WebAssembly schema engine so no native binary is needed.
 * @returns the names of the migrations applied now (empty when already current).
 */
export async function migrateDatabase(opts: TMigrateOptions): Promise<string[]> {
  const target = parseDatabaseUrl(opts.databaseUrl);
  ensureSqliteDirectory(target);
  const defaults = defaultsFor(target);
  const schemaPath = opts.schemaPath ?? defaults.schemaPath;
  if (!existsSync(schemaPath)) throw new Error(`schema not found: ${schemaPath} (run \`npm run build\` to generate it)`);
  const { engine, close } = await openSchemaEngine(createAdapter(target, 'schema-engine'), {
    path: schemaPath,
    content: readFileSync(schemaPath, 'utf8'),
  });
  try {
    const out = await engine.applyMigrations({
      migrationsList: readMigrations(opts.migrationsDir ?? defaults.migrationsDir),
      filters: { externalTables: [], externalEnums: [] },
    });
    return out.appliedMigrationNames;
  } finally {
    await close();
  }
}
