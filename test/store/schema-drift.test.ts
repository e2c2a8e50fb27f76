import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { derivePostgresqlSchema } from '../../scripts/postgresql-schema.mjs';
import { migrateDatabase } from '../../src/store/migrate.js';
import { MIGRATIONS_DIR, POSTGRESQL_MIGRATIONS_DIR, POSTGRESQL_SCHEMA_PATH, SCHEMA_PATH } from '../../src/store/paths.js';
import { diffDatabaseToSchema } from '../../src/store/schema-diff.js';
import { createPgScratchDb } from '../helpers/pg.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function scratchFile(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'earshot-drift-'));
  dirs.push(d);
  return path.join(d, 'earshot.db');
}

/** A copy of a migrations folder without its newest migration. */
function withoutLatest(dir: string): string {
  const names = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const copy = path.join(path.dirname(scratchFile()), 'migrations');
  cpSync(dir, copy, { recursive: true });
  rmSync(path.join(copy, names.at(-1)!), { recursive: true });
  return copy;
}

const FIX = 'run `npm run migration:new -- <name>` to write the missing migration';

describe('the PostgreSQL schema', () => {
  it('is derived from prisma/schema.prisma and current (else: npm run build)', () => {
    expect(existsSync(POSTGRESQL_SCHEMA_PATH), 'run `npm run build` to generate it').toBe(true);
    const derived = derivePostgresqlSchema(readFileSync(SCHEMA_PATH, 'utf8'));
    expect(readFileSync(POSTGRESQL_SCHEMA_PATH, 'utf8'), 'stale: run `npm run build`').toBe(derived);
  });

  it('differs from the SQLite schema only in provider and client output', () => {
    const sqlite = readFileSync(SCHEMA_PATH, 'utf8').split('\n');
    const pg = derivePostgresqlSchema(sqlite.join('\n')).split('\n').slice(1);
    const changed = pg.filter((line, i) => line !== sqlite[i]).map((l) => l.trim());
    expect(changed).toEqual(['output              = "./prisma-postgresql"', 'provider = "postgresql"']);
  });

  it('refuses a schema whose layout it does not recognise, instead of deriving something else', () => {
    expect(() => derivePostgresqlSchema('datasource db {\n  provider = "mysql"\n}\n')).toThrow(/expected one `datasource db/);
  });
});

describe('migration histories match prisma/schema.prisma', () => {
  it('SQLite: prisma/migrations replayed leaves nothing to change', async () => {
    const url = `file:${scratchFile()}`;
    await migrateDatabase({ databaseUrl: url, migrationsDir: MIGRATIONS_DIR });
    expect(await diffDatabaseToSchema(url), FIX).toBe('');
  });

  it('PostgreSQL: prisma/postgresql/migrations replayed leaves nothing to change', async () => {
    const { url } = await createPgScratchDb();
    await migrateDatabase({ databaseUrl: url, migrationsDir: POSTGRESQL_MIGRATIONS_DIR });
    expect(await diffDatabaseToSchema(url), FIX).toBe('');
  });

  it('SQLite: a history missing its latest migration is caught', async () => {
    const url = `file:${scratchFile()}`;
    await migrateDatabase({ databaseUrl: url, migrationsDir: withoutLatest(MIGRATIONS_DIR) });
    expect(await diffDatabaseToSchema(url)).toMatch(/CREATE|ALTER|DROP/);
  });

  it('PostgreSQL: a history missing its latest migration is caught', async () => {
    const { url } = await createPgScratchDb();
    await migrateDatabase({ databaseUrl: url, migrationsDir: withoutLatest(POSTGRESQL_MIGRATIONS_DIR) });
    expect(await diffDatabaseToSchema(url)).toMatch(/CREATE|ALTER|DROP/);
  });
});
