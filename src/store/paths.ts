import { fileURLToPath } from 'node:url';

// src/store and dist/store are both two levels below the package root.
const root = new URL('../../', import.meta.url);

export const PACKAGE_ROOT = fileURLToPath(root);
export const SCHEMA_PATH = fileURLToPath(new URL('prisma/schema.prisma', root));
export const MIGRATIONS_DIR = fileURLToPath(new URL('prisma/migrations', root));
export const EXAMPLE_ORG_CHART = fileURLToPath(new URL('config/org-chart.example.yaml', root));
