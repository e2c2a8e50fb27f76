import { describe, expect, it } from 'vitest';
import { eraseAuthor } from '../../src/jobs/erase-author.js';
import { enqueue } from '../../src/outbox/enqueue.js';
import type { TDb } from '../../src/store/client.js';
import { createTestDb } from '../helpers/db.js';
import { mention } from '../helpers/mentions.js';
import { createTestIntake } from '../helpers/intake.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const PERSONAL = ['jane_doe', 'jane doe', 'zebracorn', 'elm street', 'cust-99812', 'uid-4455', 'x.com/jane_doe', 'pics.example/jane'];

/** Every value of every text column of every table that contains one of the needles. */
async function findEverywhere(db: TDb, needles: string[]): Promise<string[]> {
  const tables = await db.$queryRawUnsafe<{ name: string }[]>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma%'");
  const hits: string[] = [];
  for (const { name } of tables) {
    const cols = await db.$queryRawUnsafe<{ name: string; type: string }[]>(`PRAGMA table_info("${name}")`);
    for (const col of cols.filter((c) => c.type.toUpperCase() === 'TEXT')) {
      const rows = await db.$queryRawUnsafe<{ v: string }[]>(`SELECT "${col.name}" AS v FROM "${name}" WHERE "${col.name}" IS NOT NULL`);
      for (const { v } of rows) for (const n of needles) if (String(v).toLowerCase().includes(n)) hits.push(`${name}.${col.name}: ${v}`);
    }
  }
  return hits;
}

async function seedPerson(db: TDb) {
  const { ingest, accept } = createTestIntake(db, { now: () => NOW });
  const jane = { handle: 'jane_doe', displayName: 'Jane Doe', externalId: 'uid-4455', customerId: 'CUST-99812', profileUrl: 'https://pics.example/jane.png' };
  const first = await ingest(mention({ externalId: 'j1', author: jane, url: 'https://x.com/jane_doe/status/1', text: '@acmebroadband my zebracorn router at 12 Elm Street is down again', raw: { user: 'jane_doe', text: 'zebracorn' } }));
  await ingest(mention({ externalId: 'j2', inReplyTo: 'j1', threadRoot: 'j1', author: jane, url: 'https://x.com/jane_doe/status/2', text: 'still down, zebracorn #fail' }));
  const caseId = first.caseId!;
  await db.reply.create({ data: { caseId, text: 'Hi Jane, sorry about Elm Street', author: 'tom', status: 'sent', url: 'https://x.com/acmehelp/status/9', createdAt: NOW, updatedAt: NOW } });
  await db.caseEvent.create({ data: { caseId, actor: 'tom', action: 'note', at: NOW, payload: JSON.stringify({ text: 'Called her; lives near the depot' }) } });
  await db.caseEvent.create({ data: { caseId, actor: 'tom', action: 'reply_queued', at: NOW, payload: JSON.stringify({ replyId: 'r', text: 'Hi Jane, sorry about Elm Street' }) } });
  await db.$transaction((tx) => enqueue(tx, { kind: 'escalation.notify', caseId, team: 'network-ops', reason: 'Jane Doe threatens the ombudsman' }, { destination: 'team:network-ops', idempotencyKey: 'esc-1', now: NOW }));
  // Someone else tags her; an unrelated customer is left alone.
  await ingest(mention({ externalId: 'o1', url: 'https://x.com/alex/status/5', author: { handle: 'alex', displayName: 'Alex Roe' }, text: 'same here as @jane_doe, outage since 9', raw: { mentions: ['jane_doe'] } }));
  await ingest(mention({ externalId: 'u1', url: 'https://x.com/sam/status/6', author: { handle: 'sam', displayName: 'Sam Poe' }, text: 'love the new app', raw: { id: 'u1' } }));
  // Accepted a moment before the erasure and not yet processed: it must not be stored afterwards.
  await accept([mention({ externalId: 'j3', author: { ...jane, handle: 'Jane_Doe' }, text: 'zebracorn still down at 12 Elm Street' }), mention({ externalId: 'u2', url: 'https://x.com/sam/status/7', author: { handle: 'sam', displayName: 'Sam Poe' }, text: 'app still great' })], 'webhook:generic');
  return caseId;
}

describe('eraseAuthor', () => {
  it('leaves no trace of the person in any text column, keeps rows and counts, and audits without personal data', async () => {
    const { db } = await createTestDb();
    const caseId = await seedPerson(db);
    expect((await findEverywhere(db, PERSONAL)).length).toBeGreaterThan(10);
    const before = { mentions: await db.mention.count(), cases: await db.case.count(), replies: await db.reply.count(), authors: await db.author.count() };

    const r = await eraseAuthor(db, { platform: 'x', handle: '@jane_doe', now: NOW, actor: 'dpo' });

    expect(await findEverywhere(db, PERSONAL)).toEqual([]);
    expect(r).toMatchObject({ mentions: 2, cases: 1, replies: 1, mentionsNaming: 1 });
    expect({ mentions: await db.mention.count(), cases: await db.case.count(), replies: await db.reply.count(), authors: await db.author.count() }).toEqual(before);
    const author = await db.author.findFirstOrThrow({ where: { handle: r.aliases[0] } });
    expect(author).toMatchObject({ handle: expect.stringMatching(/^erased-[0-9a-f]{12}$/), displayName: null, profileUrl: null, externalId: null, customerId: null, mentionCount: 2 });
    expect((await db.mention.findMany({ where: { authorId: author.id } })).map((m) => [m.text, m.url, m.raw])).toEqual([
      ['[erased]', null, null],
      ['[erased]', null, null],
    ]);
    expect((await db.reply.findFirstOrThrow()).text).toBe('[erased]');
    const note = await db.caseEvent.findFirstOrThrow({ where: { action: 'note' } });
    expect(JSON.parse(note.payload)).toEqual({ text: '[erased]' });
    const audit = await db.caseEvent.findFirstOrThrow({ where: { action: 'author_erased' } });
    expect(audit).toMatchObject({ caseId, actor: 'dpo' });
    expect(JSON.parse(audit.payload)).toEqual({ alias: author.handle, mentions: 2, replies: 1 });
    expect(await db.outboxItem.count({ where: { kind: 'card.update', caseId, idempotencyKey: `card.update:${audit.id}` } })).toBe(1);
    // Others keep their words; only her handle goes.
    expect((await db.mention.findFirstOrThrow({ where: { externalId: 'o1' } })).text).toBe('same here as @[erased], outage since 9');
    expect(await db.mention.findFirstOrThrow({ where: { externalId: 'u1' } })).toMatchObject({ text: 'love the new app', raw: '{"id":"u1"}' });
    expect(await db.author.findFirstOrThrow({ where: { handle: 'sam' } })).toMatchObject({ displayName: 'Sam Poe' });
    expect((await db.inboxItem.findMany()).map((i) => i.externalId)).toEqual(['u2']);
  });

  it('matches the handle case-insensitively and says so when nobody matches', async () => {
    const { db } = await createTestDb();
    await seedPerson(db);
    await expect(eraseAuthor(db, { platform: 'facebook', handle: 'jane_doe', now: NOW })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const r = await eraseAuthor(db, { platform: 'x', handle: 'Jane_Doe', now: NOW });
    expect(r.aliases).toHaveLength(1);
    await expect(eraseAuthor(db, { platform: 'x', handle: 'jane_doe', now: NOW })).rejects.toThrow(/No x author with handle "jane_doe"/);
  });
});
