import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { IntakeRefused } from '../../src/intake/backpressure.js';
import { devMentions } from '../helpers/dev-mentions.js';
import { createTestIntake } from '../helpers/intake.js';
import { createPgTestDb } from '../helpers/pg.js';

/** Ends the inbox's own connection from the server side, as a PostgreSQL restart or a failover would. */
async function killInboxConnection(url: string): Promise<number> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const r = await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'earshot-inbox' AND datname = current_database()`);
    return r.rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

describe('PostgreSQL: the inbox commits on a connection of its own', () => {
  it('accepts, recognises redeliveries, keeps acceptance times in UTC, and the pipeline stores what it accepted', async () => {
    const { db, url } = await createPgTestDb();
    const at = new Date('2026-11-23T10:15:30.123Z');
    const intake = createTestIntake(db, { databaseUrl: url, now: () => at });
    try {
      const [a, b] = devMentions(2, { prefix: 'pg-inbox' });
      const first = await intake.accept([a!, b!], 'webhook:generic');
      expect(first.map((r) => r.status)).toEqual(['accepted', 'accepted']);
      const again = await intake.accept([a!], 'webhook:generic');
      expect(again.map((r) => r.status)).toEqual(['duplicate']);
      const row = await db.inboxItem.findUniqueOrThrow({ where: { platform_externalId: { platform: a!.platform, externalId: a!.externalId } } });
      expect(row.acceptedAt.toISOString()).toBe(at.toISOString());
      await intake.drain();
      expect(await db.mention.count()).toBe(2);
      expect(await db.inboxItem.count()).toBe(0);
      // Stored now: a third delivery is still a duplicate, answered from the mentions table.
      expect((await intake.accept([b!], 'webhook:generic')).map((r) => r.status)).toEqual(['duplicate']);
    } finally {
      await intake.stop();
    }
  });

  it('a connection the server ended costs the request that met it a 503 (nothing stored, nothing claimed), and the next one is accepted on a new connection', async () => {
    const { db, url } = await createPgTestDb();
    const intake = createTestIntake(db, { databaseUrl: url });
    try {
      const [a, b, c] = devMentions(3, { prefix: 'pg-inbox-kill' });
      expect((await intake.accept([a!], 'webhook:generic'))[0]!.status).toBe('accepted');
      expect(await killInboxConnection(url)).toBe(1);
      const refused = await intake.accept([b!], 'webhook:generic').catch((e: unknown) => e);
      // Either the dead connection was noticed before the statement (then it was simply reopened) or the statement met
      // it: what is never allowed is a 2xx for a mention that is not stored.
      if (refused instanceof IntakeRefused) {
        expect(refused.code).toBe('DATABASE_UNAVAILABLE');
        expect(await db.inboxItem.count({ where: { externalId: b!.externalId } })).toBe(0);
      } else {
        expect(await db.inboxItem.count({ where: { externalId: b!.externalId } })).toBe(1);
      }
      expect((await intake.accept([c!], 'webhook:generic'))[0]!.status).toBe('accepted');
      expect(await db.inboxItem.count({ where: { externalId: c!.externalId } })).toBe(1);
    } finally {
      await intake.stop();
    }
  });
});
