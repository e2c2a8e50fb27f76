import { fileURLToPath } from 'node:url';

// src/store and dist/store are both two levels below the package root.
const root = new URL('../../', import.meta.url);

export const PACKAGE_ROOT = fileURLToPath(root);
export const SCHEMA_PATH = fileURLToPath(new URL('prisma/schema.prisma', root));
export const MIGRATIONS_DIR = fileURLToPath(new URL('prisma/migrations', root));
/** Derived from SCHEMA_PATH at every client generation (scripts/postgresql-schema.mjs); differs only in provider. */
export const POSTGRESQL_SCHEMA_PATH = fileURLToPath(new URL('src/generated/schema.postgresql.prisma', root));
export const POSTGRESQL_MIGRATIONS_DIR = fileURLToPath(new URL('prisma/postgresql/migrations', root));
export const EXAMPLE_ORG_CHART = fileURLToPath(new URL('config/org-chart.example.yaml', root));
