import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/store/paths.js';
import { createTestDb } from '../helpers/db.js';
import { seedCase } from '../helpers/seed.js';

const CLI = path.join(PACKAGE_ROOT, 'src', 'cli.ts');
const TSX = pathToFileURL(path.join(PACKAGE_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

function earshot(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', TSX, CLI, ...args], {
    cwd: mkdtempSync(path.join(tmpdir(), 'earshot-cli-')),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('earshot erase-author', () => {
  it('erases a stored author (exit 0), then reports them missing (exit 1); usage errors exit 2', async () => {
    const { db, url } = await createTestDb();
    const c = await seedCase(db);
    const handle = (await db.author.findUniqueOrThrow({ where: { id: c.authorId } })).handle;

    const ok = earshot(['erase-author', 'x', `@${handle}`], { DATABASE_URL: url });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(new RegExp(`^erased x author "${handle}" \\(now erased-[0-9a-f]{12}\\): 1 mention\\(s\\), 0 reply text\\(s\\)`));
    expect(await db.author.count({ where: { handle } })).toBe(0);
    expect((await db.mention.findFirstOrThrow({ where: { caseId: c.id } })).text).toBe('[erased]');

    const again = earshot(['erase-author', 'x', handle], { DATABASE_URL: url });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(`No x author with handle "${handle}" is stored; nothing was erased.`);

    const badPlatform = earshot(['erase-author', 'myspace', handle], { DATABASE_URL: url });
    expect(badPlatform.status).toBe(2);
    expect(badPlatform.stderr).toMatch(/unknown platform "myspace"; one of: x, facebook/);
    const missing = earshot(['erase-author', 'x'], { DATABASE_URL: url });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('Usage: earshot erase-author <platform> <handle>');
  }, 60_000);

  it('asks for a migration when pointed at a database without tables', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'earshot-empty-'));
    const r = earshot(['erase-author', 'x', 'jane'], { DATABASE_URL: `file:${dir}/e.db` });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('run `earshot migrate`');
  });

  it('is listed in the help text', () => {
    expect(earshot(['help'], {}).stdout).toMatch(/erase-author <platform> <handle>/);
  });
});
