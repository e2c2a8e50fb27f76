import type { TCommand } from '../command.js';

export const migrateCommand: TCommand = {
  name: 'migrate',
  summary: 'Bring the database (DATABASE_URL) to the latest migration and exit',
  usage: `Usage: earshot migrate

Applies any migration not yet in DATABASE_URL's database (SQLite file or PostgreSQL), then exits. Safe to run while
other Earshot processes use the database: on PostgreSQL each migration is applied once, under an advisory lock.`,
  async run(_args, io) {
    const [{ loadEnv }, { migrateDatabase }] = await Promise.all([import('../../config/env.js'), import('../../store/migrate.js')]);
    const env = loadEnv(io.env);
    const applied = await migrateDatabase({ databaseUrl: env.DATABASE_URL });
    io.out(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
    return 0;
  },
};
