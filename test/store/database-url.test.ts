import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { parseDatabaseUrl } from '../../src/store/database-url.js';

function rejection(url: string): ConfigError {
  try {
    parseDatabaseUrl(url, '/srv/earshot');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`accepted ${url}`);
}

describe('parseDatabaseUrl', () => {
  it('reads file: as SQLite, relative to the working directory', () => {
    expect(parseDatabaseUrl('file:./data/earshot.db', '/srv/earshot')).toEqual({
      provider: 'sqlite',
      url: 'file:/srv/earshot/data/earshot.db',
      file: '/srv/earshot/data/earshot.db',
    });
    expect(parseDatabaseUrl('file::memory:')).toMatchObject({ provider: 'sqlite', file: ':memory:' });
  });

  it('reads postgres:// and postgresql:// as PostgreSQL, keeping the URL as given', () => {
    for (const url of ['postgresql://earshot:s3cret@db.internal:5432/earshot?sslmode=require', 'postgres://localhost/earshot']) {
      expect(parseDatabaseUrl(url)).toEqual({ provider: 'postgresql', url });
    }
  });

  it('names DATABASE_URL and the scheme for other databases, never the credentials', () => {
    const err = rejection('mysql://admin:hunter2@db.internal/earshot');
    expect(err.problems).toEqual(['DATABASE_URL: must start with "file:" (SQLite) or "postgresql://" (PostgreSQL); got a "mysql:" URL']);
    expect(err.message).not.toMatch(/admin|hunter2|db\.internal/);
  });

  it('echoes nothing of a value that is not a URL at all (it may be a pasted password)', () => {
    const err = rejection('admin:hunter2@db.internal/earshot');
    expect(err.message).toContain('DATABASE_URL');
    expect(err.message).not.toMatch(/admin|hunter2|db\.internal/);
  });

  it('rejects a PostgreSQL URL that cannot be parsed without repeating it', () => {
    const err = rejection('postgresql://admin:hun ter2#@[db/earshot');
    expect(err.message).toMatch(/DATABASE_URL: .*cannot be parsed/);
    expect(err.message).not.toMatch(/admin|hun ter2/);
  });

  it('refuses a PostgreSQL schema other than public instead of silently ignoring it', () => {
    expect(rejection('postgresql://localhost/earshot?schema=tenant1').problems).toEqual([
      'DATABASE_URL: the "schema" parameter is not supported; give Earshot a database of its own',
    ]);
    expect(parseDatabaseUrl('postgresql://localhost/earshot?schema=public').provider).toBe('postgresql');
  });
});
