import { describe, expect, it } from 'vitest';
import { createLogger, createMemoryLogger } from '../src/log.js';
import { routeConsole } from '../src/logging/console-bridge.js';

function capture(opts: Parameters<typeof createLogger>[0] = {}) {
  const lines: string[] = [];
  return { log: createLogger({ now: () => new Date('2026-11-23T10:00:00Z'), ...opts, write: (l) => lines.push(l) }), lines };
}

describe('logger (pino)', () => {
  it('writes one JSON line per event: time, level by name, msg, then the fields', () => {
    const { log, lines } = capture();
    log.info('case claimed', { caseId: 'c1', by: 'priya' });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({ time: '2026-11-23T10:00:00.000Z', level: 'info', msg: 'case claimed', caseId: 'c1', by: 'priya' });
  });

  it('keeps hostile text on one line and never interpolates it', () => {
    const { log, lines } = capture();
    log.warn('rejected %s %d %j', { text: 'line one\nline two\r\n{"level":"error"}\u2028' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/[\n\r\u2028]/);
    const parsed = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(parsed.msg).toBe('rejected %s %d %j');
    expect(parsed.text).toBe('line one\nline two\r\n{"level":"error"}\u2028');
  });

  it('drops events below the level, and logs nothing at all when silent', () => {
    const info = capture({ level: 'info' });
    info.log.debug('noise');
    info.log.error('kept');
    expect(info.lines.map((l) => JSON.parse(l).msg)).toEqual(['kept']);
    const silent = capture({ level: 'silent' });
    silent.log.error('nothing');
    expect(silent.lines).toEqual([]);
  });

  it('redacts secret keys by path, whoever put them there', () => {
    const { log, lines } = capture();
    log.info('outbound call', {
      headers: { authorization: 'Bearer abc.def.ghi', 'x-slack-signature': 'v0=123' },
      body: { password: 'hunter22', grant_type: 'password' },
      session: { accessJwt: 'eyJ.jwt.here' },
    });
    const parsed = JSON.parse(lines[0]!);
    expect(parsed.headers.authorization).toBe('[redacted]');
    expect(parsed.body).toEqual({ password: '[redacted]', grant_type: 'password' });
    expect(parsed.session.accessJwt).toBe('[redacted]');
    expect(lines[0]).not.toMatch(/abc\.def|hunter22|eyJ\.jwt/);
  });

  it('blanks configured secret values anywhere in the line, raw or JSON-escaped, message included', () => {
    const secret = 'sk"live\\0123456789';
    const { log, lines } = capture({ secrets: [secret, 'abc'] });
    log.error(`token ${secret} refused`, { nested: { deep: [`x${secret}y`] }, short: 'abc' });
    expect(lines[0]).not.toContain('0123456789');
    const parsed = JSON.parse(lines[0]!);
    expect(parsed.msg).toBe('token [redacted] refused');
    expect(parsed.nested.deep).toEqual(['x[redacted]y']);
    // Too short to be a secret worth blanking: it would blank ordinary words.
    expect(parsed.short).toBe('abc');
  });

  it('logs an Error as its name, message and code, without the stack', () => {
    const { log, lines } = capture();
    const err = Object.assign(new TypeError('fetch failed'), { code: 'ECONNREFUSED' });
    log.error('poll failed', { err, error: err, list: [err] });
    expect(lines).toHaveLength(1);
    const parsed = JSON.parse(lines[0]!);
    expect(parsed.err).toEqual({ name: 'TypeError', message: 'fetch failed', code: 'ECONNREFUSED' });
    expect(parsed.error).toEqual(parsed.err);
    expect(parsed.list).toEqual([parsed.err]);
    expect(lines[0]).not.toContain('    at ');
  });

  it('the memory logger keeps parsed lines for tests to assert on', () => {
    const log = createMemoryLogger();
    log.debug('d', { n: 1 });
    expect(log.lines).toEqual([expect.objectContaining({ level: 'debug', msg: 'd', n: 1 })]);
  });
});

describe('console bridge', () => {
  it('turns a library\'s console output, an Error with its stack included, into one JSON line each, and restores the console', () => {
    const log = createMemoryLogger();
    const target = { log: () => {}, info: () => {}, warn: () => {}, error: () => {}, debug: () => {} } as unknown as Console;
    const original = target.error;
    const release = routeConsole(log, target);
    target.error(new Error('Unauthorized Access. Request is not authorized'));
    target.warn('BadRequest: %s', 'Missing activity type.');
    expect(log.lines.map((l) => [l.level, l.msg, l.source])).toEqual([
      ['error', 'Error: Unauthorized Access. Request is not authorized', 'console'],
      ['warn', 'BadRequest: Missing activity type.', 'console'],
    ]);
    release();
    expect(target.error).toBe(original);
  });
});
