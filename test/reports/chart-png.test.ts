import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { renderHourlyChart } from '../../src/reports/chart-png.js';
import { crc32 } from '../../src/reports/png-encode.js';

function chunks(png: Buffer) {
  const out: { type: string; data: Buffer; crcOk: boolean }[] = [];
  for (let i = 8; i < png.length; ) {
    const len = png.readUInt32BE(i);
    const type = png.toString('latin1', i + 4, i + 8);
    const data = png.subarray(i + 8, i + 8 + len);
    out.push({ type, data, crcOk: png.readUInt32BE(i + 8 + len) === crc32(png.subarray(i + 4, i + 8 + len)) });
    i += 12 + len;
  }
  return out;
}

const series = (k: number) => Array.from({ length: 24 }, (_, hour) => ({ hour, total: (hour * k) % 17, negative: hour % 5, positive: hour % 3 }));

describe('renderHourlyChart', () => {
  it('writes a valid PNG: signature, IHDR size, CRCs, and image data of the stated size', () => {
    const png = renderHourlyChart(series(3), { width: 640, height: 240 });
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const cs = chunks(png);
    expect(cs.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(cs.every((c) => c.crcOk)).toBe(true);
    expect([cs[0]!.data.readUInt32BE(0), cs[0]!.data.readUInt32BE(4), cs[0]!.data[8], cs[0]!.data[9]]).toEqual([640, 240, 8, 6]);
    expect(inflateSync(cs[1]!.data).length).toBe((640 * 4 + 1) * 240);
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('draws different pictures for different data, and the same bytes for the same data', () => {
    expect(renderHourlyChart(series(3)).equals(renderHourlyChart(series(3)))).toBe(true);
    expect(renderHourlyChart(series(3)).equals(renderHourlyChart(series(5)))).toBe(false);
    expect(renderHourlyChart([]).length).toBeGreaterThan(100);
  });
});
