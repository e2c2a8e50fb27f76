import { describe, expect, it } from 'vitest';
import { signGenericBody } from '../../src/connectors/generic/signature.js';
import { mention } from '../helpers/mentions.js';
import { SECRET, startTestServer } from '../helpers/server.js';

async function post(base: string, body: string, signature?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== undefined) headers['x-earshot-signature'] = signature;
  return fetch(`${base}/webhooks/generic`, { method: 'POST', headers, body });
}

async function counts(db: Awaited<ReturnType<typeof startTestServer>>['db']) {
  return { mentions: await db.mention.count(), cases: await db.case.count(), outbox: await db.outboxItem.count(), authors: await db.author.count() };
}

describe('POST /webhooks/generic over real HTTP', () => {
  it('answers 202 "accepted" once the mention is in the inbox; the pipeline turns it into exactly one triaged case with its card in the outbox', async () => {
    const { base, db, earshot } = await startTestServer();
    const body = JSON.stringify(mention({ externalId: 'w-1' }));
    const res = await post(base, body, signGenericBody(SECRET, body));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ received: 1, results: [{ externalId: 'w-1', status: 'accepted' }] });
    expect(await db.inboxItem.findMany({ select: { externalId: true, source: true, status: true } })).toEqual([{ externalId: 'w-1', source: 'webhook:generic', status: 'pending' }]);
    await earshot.intake.drain();
    expect(await db.inboxItem.count()).toBe(0);
    const stored = await db.mention.findUniqueOrThrow({ where: { platform_externalId: { platform: 'x', externalId: 'w-1' } } });
    const c = await db.case.findUniqueOrThrow({ where: { id: stored.caseId! }, include: { mentions: true, events: true } });
    expect(c.mentions.map((m) => m.externalId)).toEqual(['w-1']);
    expect(c.sentiment).toBe('negative');
    expect(['outage', 'service', 'defect']).toContain(c.category);
    expect(JSON.parse(c.reasons).length).toBeGreaterThan(0);
    expect(c.slaDueAt).not.toBeNull();
    expect(c.events.map((e) => e.action)).toEqual(['created']);
    const cards = await db.outboxItem.findMany({ where: { kind: 'card.post' } });
    expect(cards).toHaveLength(1);
    expect(JSON.parse(cards[0]!.payload)).toEqual({ caseId: c.id, team: c.team, priority: c.priority });
  });

  it('stores nothing new for a redelivery, before or after processing, and still answers 2xx', async () => {
    const { base, db, earshot } = await startTestServer();
    const body = JSON.stringify(mention({ externalId: 'w-dup' }));
    const sig = signGenericBody(SECRET, body);
    expect((await post(base, body, sig)).status).toBe(202);
    const early = await post(base, body, sig); // still in the inbox
    expect(early.status).toBe(202);
    expect(((await early.json()) as { results: { status: string }[] }).results[0]!.status).toBe('duplicate');
    expect(await db.inboxItem.count()).toBe(1);
    await earshot.intake.drain();
    const before = await counts(db);
    const again = await post(base, body, sig); // stored by now
    expect(again.status).toBe(202);
    expect(((await again.json()) as { results: { status: string }[] }).results[0]!.status).toBe('duplicate');
    await earshot.intake.drain();
    expect(await counts(db)).toEqual(before);
    expect(before).toMatchObject({ mentions: 1, cases: 1 });
  });

  it('accepts an array and joins a follow-up from the same author in the same thread to the open case', async () => {
    const { base, db, earshot } = await startTestServer();
    const first = mention({ externalId: 'root-1', author: { handle: 'sam_k' } });
    const follow = mention({ externalId: 'reply-1', inReplyTo: 'root-1', text: 'still nothing, 3 hours now', author: { handle: 'sam_k' } });
    const other = mention({ externalId: 'other-1', inReplyTo: 'root-1', text: 'same here', author: { handle: 'bystander' } });
    const body = JSON.stringify([first, follow, other]);
    const res = await post(base, body, signGenericBody(SECRET, body));
    expect(res.status).toBe(202);
    expect(((await res.json()) as { results: { status: string }[] }).results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
    await earshot.intake.drain();
    const caseOf = async (externalId: string) => (await db.mention.findUniqueOrThrow({ where: { platform_externalId: { platform: 'x', externalId } } })).caseId!;
    const results = [{ caseId: await caseOf('root-1') }, { caseId: await caseOf('reply-1') }, { caseId: await caseOf('other-1') }];
    expect(await db.caseEvent.count({ where: { action: 'created' } })).toBe(2);
    expect(results[1]!.caseId).toBe(results[0]!.caseId);
    expect(results[2]!.caseId).not.toBe(results[0]!.caseId);
    const author = await db.author.findUniqueOrThrow({ where: { platform_handle: { platform: 'x', handle: 'sam_k' } } });
    expect(author.mentionCount).toBe(2);
    expect(author.complaintCount).toBeGreaterThanOrEqual(1);
    const joined = await db.caseEvent.findMany({ where: { caseId: results[0]!.caseId }, orderBy: { at: 'asc' } });
    expect(joined.map((e) => e.action)).toEqual(['created', 'mention_joined']);
  });

  it.each([
    ['missing', undefined],
    ['malformed', 'md5=abc'],
    ['wrong', signGenericBody('another-secret-entirely-123', '{}')],
  ])('401 and nothing stored for a %s signature', async (_name, sig) => {
    const { base, db, log } = await startTestServer();
    const body = JSON.stringify(mention());
    const res = await post(base, body, sig);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
    expect(await counts(db)).toEqual({ mentions: 0, cases: 0, outbox: 0, authors: 0 });
    expect(log.lines.some((l) => l.msg === 'generic webhook rejected' && l.code === 'UNAUTHORIZED')).toBe(true);
    expect(JSON.stringify(log.lines)).not.toContain(SECRET);
  });

  it('413 for a body over 1 MiB, before reading it', async () => {
    const { base, db } = await startTestServer();
    const body = JSON.stringify(mention({ text: 'a'.repeat(1024 * 1024) }));
    const res = await post(base, body, signGenericBody(SECRET, body));
    expect(res.status).toBe(413);
    expect(await db.mention.count()).toBe(0);
  });

  it('413 for a chunked body (no Content-Length) once it passes 1 MiB, and a chunked body under the limit is accepted', async () => {
    const { base, db } = await startTestServer();
    // A ReadableStream body makes fetch send Transfer-Encoding: chunked, so only counting the bytes can tell.
    const chunked = (body: string) => {
      const bytes = new TextEncoder().encode(body);
      return fetch(`${base}/webhooks/generic`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-earshot-signature': signGenericBody(SECRET, body) },
        body: new ReadableStream({ start(c) { for (let i = 0; i < bytes.length; i += 64 * 1024) c.enqueue(bytes.subarray(i, i + 64 * 1024)); c.close(); } }),
        duplex: 'half',
      } as RequestInit);
    };
    const big = JSON.stringify(mention({ externalId: 'chunk-big', text: 'a'.repeat(1024 * 1024) }));
    expect((await chunked(big)).status).toBe(413);
    const small = JSON.stringify(mention({ externalId: 'chunk-small' }));
    const res = await chunked(small);
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ received: 1, results: [{ externalId: 'chunk-small', status: 'accepted' }] });
    expect(await db.inboxItem.findMany({ select: { externalId: true } })).toEqual([{ externalId: 'chunk-small' }]);
  });

  it('400 for a signed body that is not JSON', async () => {
    const { base, db } = await startTestServer();
    const body = '{"platform": "x",';
    const res = await post(base, body, signGenericBody(SECRET, body));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('INVALID_JSON');
    expect(await db.mention.count()).toBe(0);
  });

  it('400 naming the field for a schema violation; a bad item in a batch stores none of the batch', async () => {
    const { base, db } = await startTestServer();
    const good = mention();
    const bad = { ...mention(), author: { displayName: 'no handle' } };
    const body = JSON.stringify([good, bad]);
    const res = await post(base, body, signGenericBody(SECRET, body));
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(/^\[1\]\.author\.handle: /);
    expect(await db.mention.count()).toBe(0);

    const single = JSON.stringify({ ...mention(), platform: 'myspace' });
    const res2 = await post(base, single, signGenericBody(SECRET, single));
    expect(res2.status).toBe(400);
    expect(((await res2.json()) as { error: { message: string } }).error.message).toMatch(/^platform: /);
  });

  it('503 with a clear message when no secret is configured', async () => {
    const { base } = await startTestServer({ GENERIC_WEBHOOK_SECRET: '' });
    const res = await post(base, '{}', 'sha256=00');
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/GENERIC_WEBHOOK_SECRET/);
  });

  it('stores spam for the record but posts no card', async () => {
    const { base, db, earshot } = await startTestServer();
    const spam = mention({ text: 'FREE crypto giveaway!!! click https://bit.ly/xyz to claim 1000 USDT now, DM for promo, follow back' , author: { handle: 'spambot99' } });
    const body = JSON.stringify(spam);
    await post(base, body, signGenericBody(SECRET, body));
    await earshot.intake.drain();
    const c = await db.case.findFirstOrThrow();
    expect(c).toMatchObject({ decision: 'ignore', status: 'ignored', category: 'spam' });
    expect(await db.mention.count()).toBe(1);
    expect(await db.outboxItem.count({ where: { kind: 'card.post' } })).toBe(0);
  });
});

describe('health and metrics', () => {
  it('/healthz is 200 while the database answers and 503 when it does not', async () => {
    const { base, db, log } = await startTestServer();
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    // Make the database refuse every query, as a corrupted or vanished file would.
    const broken = db as unknown as { $queryRawUnsafe: () => Promise<never> };
    broken.$queryRawUnsafe = () => Promise.reject(new Error('disk I/O error'));
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(503);
    expect(log.lines.some((l) => l.msg === 'health check: database unreachable')).toBe(true);
  });

  it('/metrics reports mentions by platform, cases by status, outbox depth and HTTP requests by route', async () => {
    const { base, earshot } = await startTestServer();
    const body = JSON.stringify(mention({ platform: 'mastodon' }));
    await post(base, body, signGenericBody(SECRET, body));
    await post(base, body, 'sha256=bad');
    await earshot.intake.drain();
    const res = await fetch(`${base}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(/^earshot_mentions_received_total\{platform="mastodon"\} 1$/m);
    expect(text).toMatch(/^earshot_cases\{status="(new|monitoring)"\} 1$/m);
    expect(text).toMatch(/^earshot_outbox_depth\{kind="card\.post"\} 1$/m);
    expect(text).toMatch(/^earshot_http_requests_total\{method="POST",route="\/webhooks\/:connector",status="202"\} 1$/m);
    expect(text).toMatch(/^earshot_http_requests_total\{method="POST",route="\/webhooks\/:connector",status="401"\} 1$/m);
    // The intake's own families.
    expect(text).toMatch(/^earshot_inbox_depth 0$/m);
    expect(text).toMatch(/^earshot_inbox_oldest_age_seconds 0$/m);
    expect(text).toMatch(/^earshot_intake_processed_total 1$/m);
    expect(text).toMatch(/^earshot_intake_accepted_total\{route="webhook:generic",status="accepted"\} 1$/m);
    expect(text).toMatch(/^earshot_intake_batch_size_bucket\{le="1"\} 1$/m);
    expect(text).toMatch(/^earshot_intake_ack_seconds_count\{route="\/webhooks\/generic"\} 2$/m);
    expect(text).toMatch(/^# TYPE earshot_intake_processing_rate gauge$/m);
  });

  it('/metrics has latency histograms by route pattern, triage latency, and Node\'s process, GC and event-loop metrics', async () => {
    const { base, earshot } = await startTestServer();
    const body = JSON.stringify(mention({ platform: 'mastodon' }));
    await post(base, body, signGenericBody(SECRET, body));
    await earshot.intake.drain();
    await fetch(`${base}/webhooks/no-such-connector/and/a/long/path?id=12345`);
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain('# TYPE earshot_http_request_duration_seconds histogram');
    expect(text).toMatch(/^earshot_http_request_duration_seconds_bucket\{le="\+Inf",method="POST",route="\/webhooks\/:connector",status="202"\} 1$/m);
    expect(text).toMatch(/^earshot_http_request_duration_seconds_count\{method="POST",route="\/webhooks\/:connector",status="202"\} 1$/m);
    // A path no route knows is one series, whatever the path: clients cannot grow the label set.
    expect(text).toMatch(/^earshot_http_requests_total\{method="GET",route="unmatched",status="404"\} 1$/m);
    expect(text).not.toContain('12345');
    // One mention, triaged once.
    expect(text).toMatch(/^earshot_triage_duration_seconds_count 1$/m);
    expect(Number(/^earshot_triage_duration_seconds_sum (\S+)$/m.exec(text)?.[1])).toBeGreaterThan(0);
    for (const name of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_gc_duration_seconds']) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    // Every family is declared once, even with several Earshot instances in this process.
    const types = text.match(/^# TYPE \S+/gm)!;
    expect(new Set(types).size).toBe(types.length);
  });

  it('a second server in the same process starts its counts from zero', async () => {
    const a = await startTestServer();
    const body = JSON.stringify(mention());
    await post(a.base, body, signGenericBody(SECRET, body));
    const b = await startTestServer();
    const text = await (await fetch(`${b.base}/metrics`)).text();
    expect(text).not.toMatch(/^earshot_http_requests_total\{method="POST"/m);
    expect(text).toMatch(/^earshot_triage_duration_seconds_count 0$/m);
  });

  it('/metrics carries the stats definition: backlog and today\'s response figures', async () => {
    const { base, earshot } = await startTestServer();
    const body = JSON.stringify(mention({ text: '@acmebroadband my bill is wrong again, I was charged twice this month' }));
    await post(base, body, signGenericBody(SECRET, body));
    await earshot.intake.drain();
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/^earshot_backlog_open 1$/m);
    expect(text).toMatch(/^earshot_backlog_overdue 0$/m);
    expect(text).toMatch(/^earshot_today_response_rate 0$/m);
    // No first response yet: no median, rather than a misleading 0.
    expect(text).not.toMatch(/^earshot_today_first_response_median_minutes /m);
  });
});
