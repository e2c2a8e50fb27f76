import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, inject } from 'vitest';
import { openDatabase, type TDb } from '../../src/store/client.js';

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A fresh, fully migrated SQLite database of the test's own, removed after the test. */
export async function createTestDb(): Promise<{ db: TDb; url: string; file: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'earshot-db-'));
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
