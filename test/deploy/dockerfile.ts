import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../src/store/paths.js';

export interface TInstruction {
  op: string;
  args: string;
}
export interface TStage {
  from: string;
  name?: string;
  instructions: TInstruction[];
}

/** The Dockerfile's stages, each with its instructions (continuation lines joined, comments dropped). */
export function readDockerfile(file = path.join(PACKAGE_ROOT, 'Dockerfile')): { args: Record<string, string>; stages: TStage[] } {
  const logical = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const args: Record<string, string> = {};
  const stages: TStage[] = [];
  for (const line of logical) {
    const [, op = '', rest = ''] = /^(\w+)\s+(.*)$/.exec(line) ?? [];
    const upper = op.toUpperCase();
    if (upper === 'FROM') {
      const [, from = '', name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(rest) ?? [];
      stages.push({ from: from.replace(/\$\{(\w+)\}/g, (_m, k: string) => args[k] ?? ''), ...(name && { name }), instructions: [] });
    } else if (upper === 'ARG' && stages.length === 0) {
      const [k = '', v = ''] = rest.split('=');
      args[k] = v;
    } else {
      stages.at(-1)?.instructions.push({ op: upper, args: rest.replace(/\s+/g, ' ') });
    }
  }
  return { args, stages };
}

/** `COPY [--from=x] [--chown=…] src… dest` as its parts. */
export function copyParts(args: string): { from?: string; sources: string[]; dest: string } {
  const words = args.split(' ');
  const flags = words.filter((w) => w.startsWith('--'));
  const paths = words.filter((w) => !w.startsWith('--'));
  const from = flags.find((f) => f.startsWith('--from='))?.slice('--from='.length);
  return { ...(from && { from }), sources: paths.slice(0, -1), dest: paths.at(-1)! };
}

/** The exec form of CMD / HEALTHCHECK CMD: a JSON array of words. */
export function execForm(args: string): string[] {
  const json = args.slice(args.indexOf('['));
  return JSON.parse(json) as string[];
}

/**
 * Whether `.dockerignore` keeps `file` (a path relative to the context) out of the build context, with Docker's
 * rules: patterns in order, the last match wins, `!` re-includes, `**` spans folders, and a pattern matching a
 * parent folder matches everything inside it.
 */
export function dockerIgnores(patterns: string[], file: string): boolean {
  let excluded = false;
  for (const raw of patterns) {
    const negate = raw.startsWith('!');
    const re = patternRegex(negate ? raw.slice(1) : raw);
    const parts = file.split('/');
    const hit = parts.some((_p, i) => re.test(parts.slice(0, i + 1).join('/')));
    if (hit) excluded = !negate;
  }
  return excluded;
}

export function readDockerignore(file = path.join(PACKAGE_ROOT, '.dockerignore')): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.replace(/^\/+/, '').replace(/\/+$/, ''));
}

function patternRegex(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*' && pattern[i + 1] === '*') {
      // "**/" (or a trailing "**") spans any number of folders, none included.
      re += pattern[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += pattern[i + 2] === '/' ? 2 : 1;
    } else if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}
