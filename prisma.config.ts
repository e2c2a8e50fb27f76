import { defineConfig } from 'prisma/config';

// Earshot applies migrations itself (src/store/migrate.ts) through the WebAssembly schema engine,
// so this file only tells the Prisma CLI where the schema and migrations live.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'file:./data/earshot.db' },
});
