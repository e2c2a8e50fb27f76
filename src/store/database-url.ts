import { mkdirSync } from 'node:fs';
import path from 'node:path';

export type TDatabaseTarget =
  | { provider: 'sqlite'; url: string; file: string }
  | { provider: 'postgresql'; url: string };

/**
 * Reads DATABASE_URL. `file:` paths are relative to the working directory, like Prisma's own CLI resolves
 * them from prisma.config.ts at the project root.
 */
export function parseDatabaseUrl(url: string, cwd = process.cwd()): TDatabaseTarget {
  if (url.startsWith('file:')) {
    const rest = url.slice('file:'.length).split('?')[0] ?? '';
    if (rest === ':memory:') return { provider: 'sqlite', url, file: ':memory:' };
    const file = path.resolve(cwd, rest.replace(/^\/\//, ''));
    return { provider: 'sqlite', url: `file:${file}`, file };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { provider: 'postgresql', url };
  throw new Error(`DATABASE_URL must start with "file:" (SQLite) or "postgresql://"; got "${url.split(':')[0]}:…"`);
}

/** SQLite will not create missing folders; the default ./data/earshot.db must work on a fresh clone. */
export function ensureSqliteDirectory(target: TDatabaseTarget): void {
  if (target.provider === 'sqlite' && target.file !== ':memory:') {
    mkdirSync(path.dirname(target.file), { recursive: true });
  }
}
