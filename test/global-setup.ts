import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrateDatabase } from '../src/store/migrate.js';

/** Migrates one template database for the run; each test copies it instead of migrating again. */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), 'earshot-test-'));
  const template = path.join(dir, 'template.db');
  await migrateDatabase({ databaseUrl: `file:${template}` });
  project.provide('sqliteTemplate', template);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    sqliteTemplate: string;
  }
}
