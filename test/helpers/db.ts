import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, inject } from 'vitest';
import { openDatabase, type TDb } from '../../src/store/client.js';

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A fresh, fully migrated SQLite database of the test's own, removed after the test. */
export async function createTestDb(o: { inMemoryFs?: boolean } = {}): Promise<{ db: TDb; url: string; file: string }> {
  // inMemoryFs: a tmpfs file, for tests that commit thousands of times (each commit fsyncs: ~7 ms on a real disk).
  const dir = mkdtempSync(path.join(o.inMemoryFs && existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'earshot-db-'));
  const file = path.join(dir, 'earshot.db');
  copyFileSync(inject('sqliteTemplate'), file);
  const url = `file:${file}`;
  const db = await openDatabase(url);
  cleanups.push(async () => {
    await db.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  });
  return { db, url, file };
}
