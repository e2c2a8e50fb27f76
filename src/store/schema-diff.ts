import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createAdapter } from './adapter.js';
import { parseDatabaseUrl } from './database-url.js';
import { defaultsFor } from './migrate.js';
import { openSchemaEngine } from './schema-engine.js';

const EMPTY = /^\s*-- This is an empty migration\.\s*$/;

/**
 * The SQL that would bring the database at `databaseUrl` to the schema file (its provider's by default):
 * `prisma migrate diff --from-config-datasource --to-schema --script`, on the WebAssembly engine.
 * @returns '' when the database already matches the schema.
 */
export async function diffDatabaseToSchema(databaseUrl: string, schemaPath?: string): Promise<string> {
  const target = parseDatabaseUrl(databaseUrl);
  const file = schemaPath ?? defaultsFor(target).schemaPath;
  if (!existsSync(file)) throw new Error(`schema not found: ${file} (run \`npm run build\` to generate it)`);
  const schema = { path: file, content: readFileSync(file, 'utf8') };
  const { engine, close } = await openSchemaEngine(createAdapter(target, 'schema-engine'), schema);
  try {
    const diff = await engine.diff({
      from: { tag: 'schemaDatasource', files: [schema], configDir: path.dirname(file) },
      to: { tag: 'schemaDatamodel', files: [schema] },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    const sql = diff.stdout ?? '';
    return EMPTY.test(sql) ? '' : sql;
  } finally {
    await close();
  }
}
