import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { HEADS, loadHeadsFile, parseHeadsFile } from '../../src/triage/tier2/index.js';
import { runEarshot } from '../helpers/cli.js';
import { createTestDb } from '../helpers/db.js';

const dir = () => mkdtempSync(path.join(tmpdir(), 'earshot-heads-'));
const write = (name: string, body: string): string => {
  const file = path.join(dir(), name);
  writeFileSync(file, body);
  return file;
};
const problems = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('a retrained heads file (TRIAGE_HEADS_FILE)', () => {
  it('reads back exactly what earshot train writes', () => {
    const file = write('heads.json', JSON.stringify(HEADS) + '\n');
    expect(loadHeadsFile(file)).toEqual(HEADS);
  });

  it('names the file and the field for every kind of damage', () => {
    const other = { ...structuredClone(HEADS), encoder: 'some-other-encoder' };
    expect(problems(() => parseHeadsFile(other, 'x.json'))).toMatch(/x\.json: encoder: trained for another encoder; this build runs "use-lite-512/);
    const short = structuredClone(HEADS);
    short.tasks.offensive.w[0] = short.tasks.offensive.w[0]!.slice(0, 100);
    expect(problems(() => parseHeadsFile(short, 'x.json'))).toContain('tasks.offensive.w[0]: must hold 512 weights');
    const tooHeavy = JSON.parse(JSON.stringify(HEADS).replace('"weight":0.3', '"weight":7')) as unknown;
    expect(problems(() => parseHeadsFile(tooHeavy, 'x.json'))).toContain('tasks.sentiment.weight');
    const noIrony = structuredClone(HEADS) as { tasks: Record<string, unknown> };
    delete noIrony.tasks['irony'];
    expect(problems(() => parseHeadsFile(noIrony, 'x.json'))).toContain('tasks.irony');
    expect(problems(() => loadHeadsFile(write('cut.json', JSON.stringify(HEADS).slice(0, 5000))))).toMatch(/cut\.json: not JSON .*earshot train --with-corrections writes this file/);
    expect(problems(() => loadHeadsFile('/no/such/heads.json'))).toContain('TRIAGE_HEADS_FILE=/no/such/heads.json: cannot read it (no such file)');
  });

  it('stops earshot start before it listens, naming the file and the field, without a stack trace', async () => {
    const { url } = await createTestDb();
    const bad = structuredClone(HEADS);
    bad.tasks.complaint.b = [];
    const file = write('heads.json', JSON.stringify(bad));
    const r = await runEarshot(['start'], { DATABASE_URL: url, PORT: '0', HOST: '127.0.0.1', JOBS_ENABLED: 'false', TRIAGE_HEADS_FILE: file });
    expect(r.status).toBe(78);
    expect(r.stderr).toContain(`${file}: tasks.complaint.b`);
    expect(r.stderr).not.toContain('earshot listening');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const check = await runEarshot(['check-config'], { DATABASE_URL: url, TRIAGE_HEADS_FILE: file });
    expect(check.status).toBe(78);
    expect(check.stderr).toContain(`${file}: tasks.complaint.b`);
    // earshot triage decides with the same file, so it refuses it the same way; --fast reads no heads at all.
    const line = JSON.stringify({ platform: 'x', externalId: 'a', text: 'my wifi is down', createdAt: '2026-03-02T08:00:00Z', author: { handle: 'ann' } });
    const triage = await runEarshot(['triage'], { TRIAGE_HEADS_FILE: file }, { input: `${line}\n` });
    expect(triage.status).toBe(78);
    expect(triage.stderr).toContain(`${file}: tasks.complaint.b`);
    const fast = await runEarshot(['triage', '--fast'], { TRIAGE_HEADS_FILE: file }, { input: `${line}\n` });
    expect(fast.status).toBe(0);
    expect(JSON.parse(fast.stdout)).toMatchObject({ externalId: 'a', tier: 'fast' });
  }, 60_000);
});
