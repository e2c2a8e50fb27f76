import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signGenericBody } from '../../src/connectors/generic/signature.js';
import { MAX_COUNT } from '../../src/mention.js';
import { providerOf, type TDb } from '../../src/store/client.js';
import { createPgTestDb } from '../helpers/pg.js';
import { SECRET, startTestServer } from '../helpers/server.js';

type TServer = Awaited<ReturnType<typeof startTestServer>>;

/** Both databases behind the real server, side by side: every request goes to each. */
async function twoServers(): Promise<{ sqlite: TServer; pg: TServer }> {
  const sqlite = await startTestServer();
  const pg = await startTestServer({}, { database: await createPgTestDb() });
  return { sqlite, pg };
}

async function post(base: string, body: Buffer | string): Promise<{ status: number; json: unknown }> {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const res = await fetch(`${base}/webhooks/generic`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-earshot-signature': signGenericBody(SECRET, bytes) }, body: new Uint8Array(bytes) });
  return { status: res.status, json: await res.json() };
}

/** What a stored mention is, byte for byte: its text columns as hex of their UTF-8, the rest as values. */
async function storedBytes(db: TDb, externalId: string) {
  const pg = providerOf(db) === 'postgresql';
  const hex = (col: string) => (pg ? `encode(convert_to(${col}, 'UTF8'), 'hex')` : `CASE WHEN ${col} IS NULL THEN NULL ELSE lower(hex(${col})) END`);
  const rows = await db.$queryRawUnsafe<Record<string, string | null>[]>(
    `SELECT ${hex('m."externalId"')} AS "externalId", ${hex('m."text"')} AS "text", ${hex('m."url"')} AS "url", ${hex('m."raw"')} AS "raw",
            ${hex('a."handle"')} AS "handle", ${hex('a."displayName"')} AS "displayName"
       FROM "Mention" m JOIN "Author" a ON a."id" = m."authorId" WHERE m."externalId" = ${pg ? '$1' : '?'}`,
    externalId,
  );
  const m = await db.mention.findUnique({ where: { platform_externalId: { platform: 'generic', externalId } }, include: { author: true } });
  return { bytes: rows[0], postedAt: m?.postedAt.toISOString(), likes: m?.likes, shares: m?.shares, replies: m?.replies, followers: m?.author.followers };
}

const utf8Hex = (s: string) => Buffer.from(s, 'utf8').toString('hex');

/** JSON text nested `depth` levels deep, built as text: a sender's body, which JSON.stringify could not even write. */
function nestText(depth: number): string {
  let open = '';
  let close = '';
  for (let i = 0; i < depth; i++) {
    open += i % 2 ? '{"k":' : '[';
    close = (i % 2 ? '}' : ']') + close;
  }
  return `${open}"leaf"${close}`;
}

/** The mention's JSON with `raw` given as JSON text. */
const bodyOf = (m: object, rawText?: string) => (rawText === undefined ? JSON.stringify(m) : `${JSON.stringify(m).slice(0, -1)},"raw":${rawText}}`);

// Hostile pieces the drills used, mixed with arbitrary code points (fast-check's "binary" unit includes lone surrogates).
const piece = fc.oneof(
  fc.constantFrom('\u0000', '\ud800', '\udfff', '\ud83d\ude00', '\udc00\ud800', 'é', '\u2028', '\ufffd', '<!everyone>', '<@U1|x>', "'; --", '"', '\\', '\u200b', '𝕏', ' '),
  fc.string({ unit: 'binary', maxLength: 4 }),
);
const hostile = (maxPieces = 5) => fc.array(piece, { maxLength: maxPieces }).map((a) => a.join(''));
const count = fc.oneof(fc.nat(5000), fc.constantFrom(MAX_COUNT, MAX_COUNT + 1, 2 ** 32, Number.MAX_SAFE_INTEGER, 2 ** 63, -1, 1.5));
const createdAt = fc.oneof(
  fc.constantFrom('0000-01-01T00:00:00Z', '9999-12-31T23:59:59-14:00', '1989-12-31T23:59:59.999Z', '1990-01-01T00:00:00Z', '2099-12-31T23:59:59.999Z', '2100-01-01T00:00:00Z', '2026-03-01T12:00:00.123456+05:30'),
  fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
);
const rawText = fc.oneof(fc.constant(undefined), fc.constantFrom(63, 64, 65, 5000).map(nestText), fc.dictionary(hostile(2), hostile(3), { maxKeys: 3 }).map((d) => JSON.stringify(d)));

let run = 0;
const hostileMention = fc
  .record({ id: hostile(2), text: hostile(), handle: hostile(2), displayName: fc.option(hostile(3), { nil: undefined }), followers: fc.option(count, { nil: undefined }), likes: count, shares: count, createdAt, rawText })
  .map((g) => {
    run += 1;
    const m = {
      platform: 'generic',
      externalId: `p${run}-${g.id}`,
      text: g.text,
      createdAt: g.createdAt,
      author: { handle: `h${run}${g.handle}`, ...(g.displayName !== undefined && { displayName: g.displayName }), ...(g.followers !== undefined && { followers: g.followers }) },
      metrics: { likes: g.likes, shares: g.shares },
    };
    return { m, rawText: g.rawText };
  });

describe('poison input through the generic webhook, on SQLite and PostgreSQL alike', () => {
  it('property: every hostile mention gets the same answer from both (202 or a 400 naming the field, never a 500), and what is accepted is stored byte for byte as sent on both', { timeout: 240_000 }, async () => {
    const { sqlite, pg } = await twoServers();
    const seen = { accepted: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(hostileMention, async ({ m, rawText }) => {
        const body = bodyOf(m, rawText);
        const [a, b] = [await post(sqlite.base, body), await post(pg.base, body)];
        expect(b).toEqual(a);
        expect([202, 400]).toContain(a.status);
        if (a.status === 400) {
          seen.refused += 1;
          expect((a.json as { error: { code: string } }).error.code).toBe('VALIDATION');
          return;
        }
        seen.accepted += 1;
        await Promise.all([sqlite.earshot.intake.drain(), pg.earshot.intake.drain()]);
        const [sa, sb] = [await storedBytes(sqlite.db, m.externalId), await storedBytes(pg.db, m.externalId)];
        expect(sb).toEqual(sa);
        // Exactly what was sent: no replacement characters, no dropped NULs, no rounding.
        expect(sa.bytes).toMatchObject({ externalId: utf8Hex(m.externalId), text: utf8Hex(m.text), handle: utf8Hex(m.author.handle) });
        expect(sa.postedAt).toBe(new Date(m.createdAt).toISOString());
        expect(sa.likes).toBe(m.metrics.likes);
        if (rawText !== undefined) expect(JSON.parse(Buffer.from(sa.bytes!.raw!, 'hex').toString('utf8'))).toEqual(JSON.parse(rawText));
      }),
      { numRuns: 80, seed: Number(process.env.FC_SEED ?? Date.now() % 2 ** 31) },
    );
    // The generator reaches both sides of every rule, not just one.
    expect(seen.accepted).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
    for (const s of [sqlite, pg]) expect(s.log.lines.filter((l) => l.level === 'error')).toEqual([]);
  });

  const base = () => ({ platform: 'generic', externalId: `rule-${Math.random().toString(36).slice(2)}`, text: 'my bill is wrong', createdAt: '2026-11-23T09:55:00Z', author: { handle: 'ana' } });
  it.each([
    ['followers at 2³¹', { author: { handle: 'ana', followers: 2 ** 31 } }, 'author.followers: must be at most 2147483647'],
    ['metrics.likes at 2³¹', { metrics: { likes: 2 ** 31 } }, 'metrics.likes: must be at most 2147483647'],
    ['NUL in text', { text: 'a\u0000b' }, 'text: must not contain the NUL character (U+0000)'],
    ['NUL in the handle', { author: { handle: 'a\u0000' } }, 'author.handle: must not contain the NUL character (U+0000)'],
    ['a lone surrogate in text', { text: 'a\ud800b' }, 'text: must be valid Unicode (it contains a lone UTF-16 surrogate)'],
    ['a lone surrogate in the display name', { author: { handle: 'ana', displayName: '\udfffx' } }, 'author.displayName: must be valid Unicode (it contains a lone UTF-16 surrogate)'],
    ['createdAt in year 0000', { createdAt: '0000-01-01T00:00:00Z' }, 'createdAt: must be from 1990-01-01 up to (not including) 2100-01-01'],
    ['createdAt 9999-12-31 (year 10000 in UTC)', { createdAt: '9999-12-31T23:59:59-14:00' }, 'createdAt: must be from 1990-01-01 up to (not including) 2100-01-01'],
    ['raw nested 5,000 deep', { rawText: nestText(5000) }, 'raw: must nest at most 64 levels deep'],
    ['raw over 256 KiB', { rawText: JSON.stringify({ blob: 'x'.repeat(300_000) }) }, 'raw: must be at most 262144 characters as JSON (it is 300011)'],
  ])('refuses %s with 400 naming the field, identically on both, storing nothing', async (_what, change: Record<string, unknown>, message) => {
    const { sqlite, pg } = await twoServers();
    const { rawText: text, ...rest } = change;
    const body = bodyOf({ ...base(), ...rest }, text as string | undefined);
    for (const s of [sqlite, pg]) {
      expect(await post(s.base, body)).toEqual({ status: 400, json: { error: { code: 'VALIDATION', message } } });
      expect(await s.db.inboxItem.count()).toBe(0);
    }
  });

  it('refuses a body that is not UTF-8 (a lone surrogate as raw bytes, a stray continuation byte) with 400 naming the offset, on both', async () => {
    const { sqlite, pg } = await twoServers();
    const json = JSON.stringify({ ...base(), text: 'aXb' });
    const at = Buffer.from(json).indexOf('aXb') + 1;
    for (const bad of [Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0x80])]) {
      const bytes = Buffer.concat([Buffer.from(json).subarray(0, at), bad, Buffer.from(json).subarray(at + 1)]);
      for (const s of [sqlite, pg]) {
        expect(await post(s.base, bytes)).toEqual({ status: 400, json: { error: { code: 'INVALID_JSON', message: `Body is not valid UTF-8 (first invalid byte at offset ${at}); send JSON encoded as UTF-8.` } } });
        expect(await s.db.inboxItem.count()).toBe(0);
      }
    }
  });

  it('accepts the edges of each rule, and stores them identically on both', async () => {
    const { sqlite, pg } = await twoServers();
    const m = { ...base(), text: 'emoji 😀 and U+FFFD \ufffd kept', createdAt: '1990-01-01T00:00:00Z', author: { handle: 'ana', followers: MAX_COUNT }, metrics: { likes: MAX_COUNT, shares: 0 } };
    for (const s of [sqlite, pg]) {
      expect((await post(s.base, bodyOf(m, nestText(64)))).status).toBe(202);
      await s.earshot.intake.drain();
    }
    const [a, b] = [await storedBytes(sqlite.db, m.externalId), await storedBytes(pg.db, m.externalId)];
    expect(b).toEqual(a);
    expect(a).toMatchObject({ followers: MAX_COUNT, likes: MAX_COUNT, postedAt: '1990-01-01T00:00:00.000Z', bytes: { text: utf8Hex(m.text) } });
  });
});
