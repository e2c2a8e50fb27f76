import { describe, expect, it } from 'vitest';
import { signGenericBody } from '../../src/connectors/generic/signature.js';
import { devMentions } from '../helpers/dev-mentions.js';
import { SECRET, startTestServer } from '../helpers/server.js';

const post = (base: string, body: string) => fetch(`${base}/webhooks/generic`, { method: 'POST', headers: { 'x-earshot-signature': signGenericBody(SECRET, body) }, body });

describe('backpressure: refuse with Retry-After, never lose', () => {
  it('answers 429 + Retry-After above the high-water mark, stores nothing of that request, and accepts again once drained', async () => {
    const { base, db, earshot, log } = await startTestServer({ INTAKE_HIGH_WATER: '100' });
    const [fill, more] = [devMentions(100, { prefix: 'fill' }), devMentions(3, { prefix: 'more' })];
    expect((await post(base, JSON.stringify(fill))).status).toBe(202);
    const refused = await post(base, JSON.stringify(more));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('INBOX_FULL');
    expect(await db.inboxItem.count()).toBe(100);
    expect(await db.inboxItem.count({ where: { externalId: { startsWith: 'more' } } })).toBe(0);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^earshot_inbox_depth 100$/m);
    expect(metrics).toMatch(/^earshot_intake_refused_total\{route="webhook:generic",reason="INBOX_FULL"\} 1$/m);
    expect(Number(/^earshot_inbox_oldest_age_seconds (\S+)$/m.exec(metrics)![1])).toBeGreaterThanOrEqual(0);
    // The sender retries after the pipeline caught up: nothing was lost.
    await earshot.intake.drain();
    expect((await post(base, JSON.stringify(more))).status).toBe(202);
    await earshot.intake.drain();
    expect(await db.mention.count()).toBe(103);
    expect(log.lines.some((l) => l.level === 'error')).toBe(false);
  });

  it('answers 503 + Retry-After while the database cannot be written, and takes the redelivery once it can', async () => {
    const { base, db, earshot, log } = await startTestServer();
    const body = JSON.stringify(devMentions(2, { prefix: 'ro' }));
    await db.$executeRawUnsafe('PRAGMA query_only = ON'); // every write now fails, as on a full or read-only disk
    const res = await post(base, body);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('DATABASE_UNAVAILABLE');
    expect(log.lines).toContainEqual(expect.objectContaining({ level: 'error', msg: 'intake: cannot write to the inbox; answering 503' }));
    await db.$executeRawUnsafe('PRAGMA query_only = OFF');
    expect(await db.inboxItem.count()).toBe(0);
    expect((await post(base, body)).status).toBe(202);
    await earshot.intake.drain();
    expect(await db.mention.count()).toBe(2);
  });

  it('answers 503 + Retry-After when the intake worker is gone, instead of a 500', async () => {
    const { base, earshot } = await startTestServer({}, { intakeWorker: true });
    await earshot.intake.drain();
    await earshot.intake.stop(); // what a crashed worker leaves
    const res = await post(base, JSON.stringify(devMentions(1, { prefix: 'gone' })));
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
  });
});
