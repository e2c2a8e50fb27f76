import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/store/paths.js';

const TSX = pathToFileURL(path.join(PACKAGE_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const CHILD = path.join(PACKAGE_ROOT, 'test', 'main', 'fixtures', 'rejecting-background.ts');
const run = (...args: string[]) => spawnSync(process.execPath, ['--import', TSX, CHILD, ...args], { encoding: 'utf8', timeout: 30_000 });

describe('background-work guard', () => {
  it('logs an unhandled rejection as one JSON line naming it and where it came from, and the process carries on', () => {
    const r = run();
    expect(r.status).toBe(0);
    const lines = r.stderr.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({ level: 'error', msg: 'unexpected rejection in background work; carrying on', error: "Can't reach database server at 127.0.0.1:5999", name: 'Error', origin: expect.stringContaining('rejecting-background.ts') }),
      expect.objectContaining({ level: 'info', msg: 'still running' }),
    ]);
  });

  it('is what keeps it alive: without it Node exits 1 on the same rejection', () => {
    expect(run('unguarded').status).toBe(1);
  });
});
