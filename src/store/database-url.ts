import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config/config-error.js';

export type TDatabaseTarget =
  | { provider: 'sqlite'; url: string; file: string }
  | { provider: 'postgresql'; url: string };

/**
 * Reads DATABASE_URL: `file:` is SQLite, `postgres://` or `postgresql://` is PostgreSQL. `file:` paths are relative
 * to the working directory, like Prisma's own CLI resolves them from prisma.config.ts at the project root.
 * @throws ConfigError naming DATABASE_URL; the message never repeats the URL, which may hold a password.
 */
export function parseDatabaseUrl(url: string, cwd = process.cwd()): TDatabaseTarget {
  if (url.startsWith('file:')) {
    const rest = url.slice('file:'.length).split('?')[0] ?? '';
    if (rest === ':memory:') return { provider: 'sqlite', url, file: ':memory:' };
    const file = path.resolve(cwd, rest.replace(/^\/\//, ''));
    return { provider: 'sqlite', url: `file:${file}`, file };
  }
  if (/^postgres(ql)?:\/\//i.test(url)) {
    if (!URL.canParse(url)) throw urlError('looks like a PostgreSQL URL but cannot be parsed (percent-encode special characters in the user name and password)');
    const schema = new URL(url).searchParams.get('schema');
    // The driver would silently ignore it and use "public": refuse rather than share tables by surprise.
    if (schema !== null && schema !== 'public') throw urlError('the "schema" parameter is not supported; give Earshot a database of its own');
    return { provider: 'postgresql', url };
  }
  // Only a URL scheme is safe to name: anything else may be a mistyped password or a whole connection string.
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1];
  throw urlError(`must start with "file:" (SQLite) or "postgresql://" (PostgreSQL); got ${scheme ? `a "${scheme}:" URL` : 'something else'}`);
}

function urlError(reason: string): ConfigError {
  return new ConfigError('the environment', [`DATABASE_URL: ${reason}`]);
}

/** SQLite will not create missing folders; the default ./data/earshot.db must work on a fresh clone. */
export function ensureSqliteDirectory(target: TDatabaseTarget): void {
  if (target.provider === 'sqlite' && target.file !== ':memory:') {
    mkdirSync(path.dirname(target.file), { recursive: true });
  }
}
