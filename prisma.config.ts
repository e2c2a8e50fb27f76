import { defineConfig } from 'prisma/config';

// Earshot applies migrations itself (src/store/migrate.ts) through the WebAssembly schema engine, so this file only
// tells the Prisma CLI where the schema and migrations live. PostgreSQL has its own schema (derived from
// prisma/schema.prisma at build time) and its own history, chosen here from DATABASE_URL like the app does.
const url = process.env.DATABASE_URL ?? 'file:./data/earshot.db';
const postgresql = /^postgres(ql)?:\/\//i.test(url);

export default defineConfig({
  schema: postgresql ? 'src/generated/schema.postgresql.prisma' : 'prisma/schema.prisma',
  migrations: { path: postgresql ? 'prisma/postgresql/migrations' : 'prisma/migrations' },
  datasource: { url },
});
