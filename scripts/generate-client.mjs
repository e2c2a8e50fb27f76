#!/usr/bin/env node
// Generates both Prisma clients (SQLite from prisma/schema.prisma, PostgreSQL from the schema derived from it)
// without Prisma's native schema engine.
// The CLI insists on resolving a schema-engine binary even though generation never executes it;
// downloading one is impossible offline, so we point it at an executable that exists (node itself).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { writePostgresqlSchema } from './postgresql-schema.mjs';

const require = createRequire(import.meta.url);
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
};
const cli = require.resolve('prisma/build/index.js');
// Explicit --schema for both: prisma.config.ts picks its schema from DATABASE_URL, which must not steer the build.
for (const schema of ['prisma/schema.prisma', writePostgresqlSchema()]) {
  const result = spawnSync(process.execPath, [cli, 'generate', '--schema', schema], { stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
