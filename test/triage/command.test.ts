import { describe, it, expect } from 'vitest';
import { PassThrough, Readable } from 'node:stream';
import { runTriageCommand } from '../../src/commands/triage.js';
import { exampleOrgChart, mention } from './helpers.js';

const orgChart = exampleOrgChart();

// The fast engine alone: line handling is the same on both paths, and the full path (which loads the encoder)
// is tested in tier2.test.ts.
async function run(lines: string[], now?: () => Date) {
  const output = new PassThrough();
  const chunks: string[] = [];
  output.on('data', (c: Buffer) => chunks.push(c.toString()));
  const result = await runTriageCommand({ input: Readable.from([lines.join('\n') + '\n']), output, orgChart, fast: true, ...(now ? { now } : {}) });
  return { result, out: chunks.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('runTriageCommand', () => {
  it('writes one decision per line in input order, skipping blank lines', async () => {
    const ms = ['@acmebroadband internet is down', '@acmebroadband thanks, great service!', 'what are your opening hours?'].map((t) => mention(t));
    const { result, out } = await run([JSON.stringify(ms[0]), '', JSON.stringify(ms[1]), '   ', JSON.stringify(ms[2])]);
    expect(result).toEqual({ lines: 3, errors: 0 });
    expect(out.map((d) => d['externalId'])).toEqual(ms.map((m) => m.externalId));
  });
  it('reports a malformed line with its number and carries on', async () => {
    const a = mention('first');
    const b = mention('last');
    const { result, out } = await run([JSON.stringify(a), '{not json', JSON.stringify({ platform: 'x', text: 'no id' }), JSON.stringify(b)]);
    expect(result).toEqual({ lines: 4, errors: 2 });
    expect(out[1]).toMatchObject({ line: 2 });
    expect(String(out[1]?.['error'])).toMatch(/JSON/);
    expect(out[2]).toMatchObject({ line: 3 });
    expect(String(out[2]?.['error'])).toMatch(/externalId/);
    expect(out[3]?.['externalId']).toBe(b.externalId);
  });
  it('is deterministic across runs and accepts an injected clock', async () => {
    const lines = Array.from({ length: 20 }, (_, i) => JSON.stringify(mention(`@acmebroadband wifi down in York ${i % 3}`)));
    const first = await run(lines);
    const again = await run(lines);
    expect(again.out).toEqual(first.out);
    const clocked = await run(lines, () => new Date('2030-01-01T00:00:00Z'));
    expect(clocked.out).toHaveLength(20);
  });
});
