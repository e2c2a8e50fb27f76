import { describe, expect, it } from 'vitest';
import { signGenericBody } from '../../src/connectors/generic/signature.js';
import { devMentions } from '../helpers/dev-mentions.js';
import { SECRET, startTestServer } from '../helpers/server.js';

describe('a 500-mention batch does not freeze the server', () => {
  it('is answered within seconds (not 5–13 s), and /healthz keeps answering while the batch is accepted and processed', { timeout: 60_000 }, async () => {
    const { base, db, earshot } = await startTestServer({}, { intakeWorker: true });
    const body = JSON.stringify(devMentions(500, { prefix: 'freeze' }));
    await earshot.intake.drain(); // the worker is up
    let worst = 0;
    let probing = true;
    const probe = (async () => {
      while (probing) {
        const t = performance.now();
        expect((await fetch(`${base}/healthz`)).status).toBe(200);
        worst = Math.max(worst, performance.now() - t);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    const t0 = performance.now();
    const res = await fetch(`${base}/webhooks/generic`, { method: 'POST', headers: { 'x-earshot-signature': signGenericBody(SECRET, body) }, body });
    const answeredMs = performance.now() - t0;
    expect(res.status).toBe(202);
    await earshot.intake.drain();
    probing = false;
    await probe;
    // Storing them one by one in the request took 5–13 s; generous bounds, the machine is shared.
    expect(answeredMs).toBeLessThan(2500);
    expect(worst).toBeLessThan(1000);
    expect(await db.mention.count()).toBe(500);
  });
});

describe('SQLite checkpoints stay off the web thread', () => {
  it('the web thread\'s connection leaves automatic checkpoints to the intake\'s thread while it runs, and takes them back when it stops', { timeout: 60_000 }, async () => {
    const { db, earshot } = await startTestServer({}, { intakeWorker: true });
    const pages = async () => Number((await db.$queryRawUnsafe<{ wal_autocheckpoint: bigint | number }[]>('PRAGMA wal_autocheckpoint'))[0]!.wal_autocheckpoint);
    await earshot.intake.drain(); // the worker is up
    expect(await pages()).toBe(0);
    await earshot.intake.stop();
    // Nobody else checkpoints now: the WAL must not grow without bound.
    await expect.poll(pages).toBe(1000);
  });
});
