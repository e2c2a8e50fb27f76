/** Types for scripts/postgresql-schema.mjs (a plain ESM build script, run before TypeScript is compiled). */
export declare const POSTGRESQL_SCHEMA_FILE: string;
export declare function derivePostgresqlSchema(sqliteSchema: string): string;
export declare function writePostgresqlSchema(): string;
