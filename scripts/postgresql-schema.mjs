// Derives the PostgreSQL schema from prisma/schema.prisma. The two differ only in the datasource provider and where
// the client is generated: Prisma bakes the provider into a generated client, so each database needs its own client,
// and deriving one schema from the other (at every generation) means they can never drift apart.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

/** Where the derived schema is written (gitignored, like the clients); its client goes to ./prisma-postgresql beside it. */
export const POSTGRESQL_SCHEMA_FILE = path.join(root, 'src/generated/schema.postgresql.prisma');

const DATASOURCE = /(datasource\s+db\s*\{[^}]*?provider\s*=\s*)"sqlite"/g;
const OUTPUT = /(generator\s+client\s*\{[^}]*?output\s*=\s*)"\.\.\/src\/generated\/prisma"/g;

/**
 * @param {string} sqliteSchema the text of prisma/schema.prisma
 * @returns {string} the same schema for provider "postgresql", generating into src/generated/prisma-postgresql
 * @throws when the schema no longer has exactly one sqlite datasource and one client generator output as expected:
 *   better to stop the build than to generate a PostgreSQL client that silently differs.
 */
export function derivePostgresqlSchema(sqliteSchema) {
  const datasources = sqliteSchema.match(DATASOURCE)?.length ?? 0;
  const outputs = sqliteSchema.match(OUTPUT)?.length ?? 0;
  if (datasources !== 1 || outputs !== 1) {
    throw new Error(
      `prisma/schema.prisma: expected one \`datasource db { provider = "sqlite" }\` and one generator \`output = "../src/generated/prisma"\` ` +
        `(found ${datasources} and ${outputs}); update scripts/postgresql-schema.mjs if the schema's layout changed on purpose`,
    );
  }
  const body = sqliteSchema.replace(DATASOURCE, '$1"postgresql"').replace(OUTPUT, '$1"./prisma-postgresql"');
  return `// GENERATED from prisma/schema.prisma by scripts/postgresql-schema.mjs: edit that file, not this one.\n${body}`;
}

/** Writes the derived schema; returns its path. */
export function writePostgresqlSchema() {
  const text = derivePostgresqlSchema(readFileSync(path.join(root, 'prisma/schema.prisma'), 'utf8'));
  mkdirSync(path.dirname(POSTGRESQL_SCHEMA_FILE), { recursive: true });
  writeFileSync(POSTGRESQL_SCHEMA_FILE, text);
  return POSTGRESQL_SCHEMA_FILE;
}
