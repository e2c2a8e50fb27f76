import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ZodObject } from 'zod';
import { PACKAGE_ROOT } from '../../src/store/paths.js';

const SRC = path.join(PACKAGE_ROOT, 'src');
const files = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(path.join(d, f)).isDirectory() ? (f === 'generated' ? [] : files(path.join(d, f))) : f.endsWith('.ts') ? [path.join(d, f)] : []));

/**
 * Every variable an env schema knows: each `export const Z…Env = z.object(…)` under src/ (core, jobs, each
 * connector group), found by reading the sources so a new group is covered the day it is written.
 */
async function schemaVariables(): Promise<Map<string, string>> {
  const vars = new Map<string, string>();
  for (const file of files(SRC)) {
    for (const [, name] of readFileSync(file, 'utf8').matchAll(/export const (Z\w*Env) = z\.object/g)) {
      const mod = (await import(file)) as Record<string, ZodObject>;
      for (const key of Object.keys(mod[name!]!.shape)) vars.set(key, `${path.relative(PACKAGE_ROOT, file)} (${name})`);
    }
  }
  return vars;
}

const example = readFileSync(path.join(PACKAGE_ROOT, '.env.example'), 'utf8');
/** Variables .env.example names, set or commented out (`# NAME=`), each with the comment line just above it. */
const documented = new Map<string, string>();
const lines = example.split('\n');
for (const [i, line] of lines.entries()) {
  const m = /^(?:# )?([A-Z][A-Z0-9_]+)=/.exec(line);
  if (m) documented.set(m[1]!, lines.slice(0, i).reverse().find((l) => l.startsWith('# ') && !/^# [A-Z][A-Z0-9_]+=/.test(l)) ?? '');
}
const composeVars = new Set([...readFileSync(path.join(PACKAGE_ROOT, 'compose.yaml'), 'utf8').matchAll(/\$\{(\w+)/g)].map((m) => m[1]!));

describe('.env.example', () => {
  it('names every variable the env schemas know, so it cannot drift from the code', async () => {
    const known = await schemaVariables();
    expect(known.size).toBeGreaterThan(80);
    const missing = [...known].filter(([k]) => !documented.has(k)).map(([k, where]) => `${k} (from ${where})`);
    expect(missing, 'add these to .env.example with a comment').toEqual([]);
  });

  it('names the variables compose.yaml interpolates, and nothing the code does not read', async () => {
    const known = await schemaVariables();
    for (const v of composeVars) expect(documented.has(v), v).toBe(true);
    expect([...documented.keys()].filter((k) => !known.has(k) && !composeVars.has(k))).toEqual([]);
  });

  it('explains each variable with a comment, and sets no secret', () => {
    for (const [k, comment] of documented) expect(comment, k).toMatch(/^# \S/);
    const set = lines.filter((l) => /^[A-Z][A-Z0-9_]+=/.test(l));
    expect(set).toEqual(['POSTGRES_PASSWORD=change-me-to-a-long-random-string']);
  });
});
