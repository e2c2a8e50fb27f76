import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/client.js';
import { migrateDatabase } from '../../src/store/migrate.js';
import { POSTGRESQL_MIGRATIONS_DIR } from '../../src/store/paths.js';
import { createPgScratchDb } from '../helpers/pg.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function scratchDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'earshot-pg-migrate-'));
  dirs.push(d);
  return d;
}

const allMigrations = readdirSync(POSTGRESQL_MIGRATIONS_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

async function sql<T>(url: string, text: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows as T[];
  } finally {
    await c.end();
  }
}

const appliedNames = async (url: string) =>
  (await sql<{ migration_name: string }>(url, 'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name')).map(
    (r) => r.migration_name,
  );

describe('migrateDatabase on PostgreSQL', () => {
  it('brings a fresh database to the latest migration, and every model is usable', async () => {
    const { url } = await createPgScratchDb();
    expect(await migrateDatabase({ databaseUrl: url })).toEqual(allMigrations);
    expect(await appliedNames(url)).toEqual(allMigrations);
    const db = await openDatabase(url);
    try {
      expect(await db.case.count()).toBe(0);
      expect(await db.connectorCursor.count()).toBe(0);
      const at = new Date('2026-11-23T10:00:00.123Z');
      const cursor = await db.connectorCursor.create({ data: { connector: 'reddit', stream: 'inbox', cursor: 't1_abc', updatedAt: at } });
      // Millisecond DateTimes survive the round trip (TIMESTAMP(3)).
      expect(cursor.updatedAt.toISOString()).toBe('2026-11-23T10:00:00.123Z');
    } finally {
      await db.$disconnect();
    }
  });

  it('is a no-op on a current database, however often it runs', async () => {
    const { url } = await createPgScratchDb();
    await migrateDatabase({ databaseUrl: url });
    expect(await migrateDatabase({ databaseUrl: url })).toEqual([]);
    expect(await migrateDatabase({ databaseUrl: url })).toEqual([]);
    expect(await appliedNames(url)).toEqual(allMigrations);
  });

  it('applies each migration once when two processes start at the same moment (advisory lock)', async () => {
    const { url } = await createPgScratchDb();
    const [a, b] = await Promise.all([migrateDatabase({ databaseUrl: url }), migrateDatabase({ databaseUrl: url })]);
    expect([...a, ...b].sort()).toEqual(allMigrations);
    const rows = await sql<{ n: string }>(url, 'SELECT count(*) AS n FROM _prisma_migrations');
    expect(Number(rows[0]!.n)).toBe(allMigrations.length);
  });

  it('brings a database left at an older migration up to date, keeping its data', async () => {
    const { url } = await createPgScratchDb();
    const old = path.join(scratchDir(), 'migrations');
    cpSync(POSTGRESQL_MIGRATIONS_DIR, old, { recursive: true });
    for (const name of allMigrations.slice(1)) rmSync(path.join(old, name), { recursive: true });
    expect(await migrateDatabase({ databaseUrl: url, migrationsDir: old })).toEqual(allMigrations.slice(0, 1));
    await sql(url, `INSERT INTO "JobRun" (id, "jobId", slot, status, owner, "startedAt") VALUES ('j1', 'digest', '2026-11-23T08:00', 'done', 'x', now())`);
    expect(await migrateDatabase({ databaseUrl: url })).toEqual(allMigrations.slice(1));
    const db = await openDatabase(url);
    try {
      expect(await db.jobRun.count()).toBe(1);
    } finally {
      await db.$disconnect();
    }
  });

  it("records Prisma's own checksums, so `prisma migrate deploy` agrees with the history", async () => {
    const { url } = await createPgScratchDb();
    await migrateDatabase({ databaseUrl: url });
    const rows = await sql<{ migration_name: string; checksum: string }>(url, 'SELECT migration_name, checksum FROM _prisma_migrations');
    expect(rows).toHaveLength(allMigrations.length);
    for (const r of rows) {
      const file = readFileSync(path.join(POSTGRESQL_MIGRATIONS_DIR, r.migration_name, 'migration.sql'));
      expect(r.checksum).toBe(createHash('sha256').update(file).digest('hex'));
    }
  });

  it('fails with a clear message when a migration is broken, applying nothing of it', async () => {
    const { url } = await createPgScratchDb();
    const broken = path.join(scratchDir(), 'migrations');
    cpSync(POSTGRESQL_MIGRATIONS_DIR, broken, { recursive: true });
    // Replaying the first migration again collides with the tables it already made.
    cpSync(path.join(broken, allMigrations[0]!), path.join(broken, '29990101000000_broken'), { recursive: true });
    await expect(migrateDatabase({ databaseUrl: url, migrationsDir: broken })).rejects.toThrow(/29990101000000_broken/);
    expect(await appliedNames(url)).toEqual(allMigrations);
  });

  it('uses the PostgreSQL history, whose lock file says so', () => {
    expect(readFileSync(path.join(POSTGRESQL_MIGRATIONS_DIR, 'migration_lock.toml'), 'utf8')).toMatch(/^provider = "postgresql"$/m);
  });
});
