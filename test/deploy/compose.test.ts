import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import draft07 from 'ajv/dist/refs/json-schema-draft-07.json' with { type: 'json' };
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/store/paths.js';

// Docker cannot run here, so `docker compose config` cannot either: the file is parsed and validated against the
// Compose Specification's published schema (what compose itself validates with), then checked for what it must hold.
const text = readFileSync(path.join(PACKAGE_ROOT, 'compose.yaml'), 'utf8');
const compose = parse(text) as { services: Record<string, any>; volumes: Record<string, unknown> };

describe('compose.yaml', () => {
  it('is valid against the Compose Specification schema', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    // The schema names draft-07 by its https URL; Ajv ships that meta-schema under the http one.
    ajv.addMetaSchema({ ...draft07, $id: 'https://json-schema.org/draft-07/schema' });
    const validate = ajv.compile(JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'test/fixtures/schemas/compose-spec.json'), 'utf8')));
    expect(validate(compose), JSON.stringify(validate.errors)).toBe(true);
    // The validator is not vacuous: an unknown service key is refused.
    expect(validate({ services: { db: { image: 'x', healthckeck: {} } } })).toBe(false);
  });

  it('runs Earshot beside PostgreSQL, starting Earshot only once the database is healthy', () => {
    const { db, earshot } = compose.services;
    expect(Object.keys(compose.services).sort()).toEqual(['db', 'earshot']);
    expect(db.image).toMatch(/^postgres:\d+/);
    expect(db.healthcheck.test.join(' ')).toContain('pg_isready');
    expect(earshot.build).toBe('.');
    expect(earshot.depends_on).toEqual({ db: { condition: 'service_healthy' } });
    expect(earshot.healthcheck.test.join(' ')).toContain('/healthz');
    expect(earshot.environment.DATABASE_URL).toMatch(/^postgresql:\/\/earshot:\$\{POSTGRES_PASSWORD:\?[^}]+\}@db:5432\/earshot$/);
  });

  it('keeps data in named volumes, takes settings from .env, and publishes Earshot on loopback only', () => {
    const { db, earshot } = compose.services;
    expect(Object.keys(compose.volumes).sort()).toEqual(['earshot-data', 'pgdata']);
    expect(db.volumes).toContain('pgdata:/var/lib/postgresql/data');
    expect(earshot.volumes).toContain('earshot-data:/data');
    expect(earshot.env_file).toBe('.env');
    // The password must be given: compose stops with the message rather than start a database without one.
    expect(db.environment.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?.+\}$/);
    // TLS and the public paths belong to the reverse proxy in front (README "Deploy"); /metrics stays private.
    expect(earshot.ports).toEqual(['127.0.0.1:3000:3000']);
  });
});
