import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateDatabase } from '../../src/store/migrate.js';
import { MIGRATIONS_DIR } from '../../src/store/paths.js';
import { openDatabase } from '../../src/store/client.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function scratch(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'earshot-migrate-'));
  dirs.push(d);
  return d;
}

const allMigrations = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

function appliedNames(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name').all() as { migration_name: string }[]).map(
      (r) => r.migration_name,
    );
  } finally {
    db.close();
  }
}

describe('migrateDatabase', () => {
  it('has a history of more than one migration, so "older database" is a real case', () => {
    expect(allMigrations.length).toBeGreaterThanOrEqual(2);
  });

  it('brings a fresh database (and its missing folder) to the latest migration', async () => {
    const file = path.join(scratch(), 'nested', 'dir', 'earshot.db');
    const applied = await migrateDatabase({ databaseUrl: `file:${file}` });
    expect(applied).toEqual(allMigrations);
    expect(appliedNames(file)).toEqual(allMigrations);
    // The client can use every model straight away.
    const db = await openDatabase(`file:${file}`);
    expect(await db.connectorCursor.count()).toBe(0);
    expect(await db.case.count()).toBe(0);
    await db.$disconnect();
  });

  it('brings a database left at an older migration up to date, keeping its data', async () => {
    const dir = scratch();
    const oldMigrations = path.join(dir, 'migrations');
    cpSync(MIGRATIONS_DIR, oldMigrations, { recursive: true });
    for (const name of allMigrations.slice(1)) rmSync(path.join(oldMigrations, name), { recursive: true });
    const file = path.join(dir, 'earshot.db');
    expect(await migrateDatabase({ databaseUrl: `file:${file}`, migrationsDir: oldMigrations })).toEqual(allMigrations.slice(0, 1));

    const raw = new Database(file);
    raw.prepare(`INSERT INTO "JobRun" (id, jobId, slot, status, owner, startedAt) VALUES ('j1', 'digest', '2026-11-23T08:00', 'done', 'x', 0)`).run();
    raw.close();

    expect(await migrateDatabase({ databaseUrl: `file:${file}` })).toEqual(allMigrations.slice(1));
    expect(appliedNames(file)).toEqual(allMigrations);
    const db = await openDatabase(`file:${file}`);
    expect(await db.jobRun.count()).toBe(1);
    await db.connectorCursor.create({ data: { connector: 'reddit', stream: 'inbox', cursor: 't1_abc', updatedAt: new Date() } });
    await db.$disconnect();
  });

  it('is a no-op on a current database', async () => {
    const file = path.join(scratch(), 'earshot.db');
    await migrateDatabase({ databaseUrl: `file:${file}` });
    expect(await migrateDatabase({ databaseUrl: `file:${file}` })).toEqual([]);
  });

  it("records Prisma's own checksums, so `prisma migrate deploy` agrees with the history", async () => {
    const file = path.join(scratch(), 'earshot.db');
    await migrateDatabase({ databaseUrl: `file:${file}` });
    const raw = new Database(file, { readonly: true });
    const rows = raw.prepare('SELECT migration_name, checksum FROM _prisma_migrations').all() as { migration_name: string; checksum: string }[];
    raw.close();
    for (const r of rows) {
      const sql = readFileSync(path.join(MIGRATIONS_DIR, r.migration_name, 'migration.sql'));
      expect(r.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
    }
  });

  it('fails with a clear message when a migration is broken, applying nothing of it', async () => {
    const dir = scratch();
    const broken = path.join(dir, 'migrations');
    cpSync(MIGRATIONS_DIR, broken, { recursive: true });
    cpSync(path.join(broken, allMigrations[0]!), path.join(broken, '29990101000000_broken'), { recursive: true });
    const file = path.join(dir, 'earshot.db');
    await expect(migrateDatabase({ databaseUrl: `file:${file}`, migrationsDir: broken })).rejects.toThrow(/29990101000000_broken/);
  });
});
