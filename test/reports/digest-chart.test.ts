import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { composeDigest } from '../../src/reports/digest.js';
import { renderDigestChart } from '../../src/reports/digest-chart.js';
import { PACKAGE_ROOT } from '../../src/store/paths.js';
import type { TDb } from '../../src/store/client.js';
import { createTestDb } from '../helpers/db.js';
import { addCase, statsOrgChart } from './fixtures.js';

/**
 * The picture check: digests of seeded days rendered to PNG and compared, tile by tile, with the reference images in
 * docs/ that the README shows. After an intended change of the picture, look at the new images and commit them:
 *   EARSHOT_UPDATE_REFERENCE_IMAGES=1 npx vitest run test/reports/digest-chart.test.ts
 */
const DOCS = path.join(PACKAGE_ROOT, 'docs');
const UPDATE = process.env.EARSHOT_UPDATE_REFERENCE_IMAGES === '1';
const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
const chart = statsOrgChart({ careHours: '24x7' });

/** A week of care cases, deterministic: `perDay(day)` cases a day, spread over the hours, answered in varying times. */
async function seedWeek(db: TDb, perDay: (day: number) => number) {
  for (let day = 15; day <= 22; day++) {
    const n = perDay(day);
    for (let i = 0; i < n; i++) {
      // Busiest late morning and early evening, as a consumer brand's day tends to be.
      const hour = [8, 9, 10, 10, 11, 11, 12, 13, 14, 16, 17, 18, 18, 19, 20, 21, 7, 22, 15, 23, 6, 1][i % 22]!;
      const minute = (i * 7) % 60;
      const created = new Date(Date.UTC(2026, 10, day, hour, minute));
      const answerMinutes = 15 + ((i * 13 + day * 5) % 50);
      await addCase(db, {
        team: 'care',
        createdAt: created.toISOString(),
        sentiment: SENTIMENTS[(i * 5 + day) % 7 < 3 ? 0 : (i * 5 + day) % 7 < 6 ? 1 : 2],
        firstResponseAt: i % 4 === 3 ? null : new Date(created.getTime() + answerMinutes * 60_000).toISOString(),
        slaDueAt: new Date(created.getTime() + 60 * 60_000).toISOString(),
      });
    }
  }
}

function decode(png: Buffer): PNG {
  return PNG.sync.read(png);
}

/** Share of differing pixels in each tile of a cols × rows grid (pixelmatch, anti-aliasing ignored). */
function tileDiffs(a: PNG, b: PNG, cols = 6, rows = 4): number[] {
  const out: number[] = [];
  const tw = Math.floor(a.width / cols);
  const th = Math.floor(a.height / rows);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const crop = (img: PNG) => {
        const buf = Buffer.alloc(tw * th * 4);
        for (let y = 0; y < th; y++) img.data.copy(buf, y * tw * 4, ((r * th + y) * img.width + c * tw) * 4, ((r * th + y) * img.width + (c + 1) * tw) * 4);
        return buf;
      };
      out.push(pixelmatch(crop(a), crop(b), null, tw, th, { threshold: 0.1 }) / (tw * th));
    }
  }
  return out;
}

/** Dark pixels (text, not bars or grid) in a region given as fractions of the image. */
function ink(img: PNG, x0: number, y0: number, x1: number, y1: number): number {
  let n = 0;
  for (let y = Math.floor(y0 * img.height); y < y1 * img.height; y++) {
    for (let x = Math.floor(x0 * img.width); x < x1 * img.width; x++) {
      const i = (y * img.width + x) * 4;
      if (img.data[i]! < 110 && img.data[i + 1]! < 110 && img.data[i + 2]! < 130) n++;
    }
  }
  return n;
}

async function checkAgainstReference(name: string, png: Buffer) {
  const file = path.join(DOCS, name);
  if (UPDATE || !existsSync(file)) {
    // A missing reference is written, and the test fails so it is looked at and committed, never assumed.
    writeFileSync(file, png);
    if (!UPDATE) throw new Error(`wrote ${file}: look at it, commit it, run again`);
  }
  const got = decode(png);
  const want = decode(readFileSync(file));
  expect([got.width, got.height]).toEqual([want.width, want.height]);
  const diffs = tileDiffs(got, want);
  // Within a tolerance, so a renderer patch release that moves an anti-aliased edge does not fail the build.
  expect(Math.max(...diffs)).toBeLessThan(0.01);
  return got;
}

describe('digest chart', () => {
  it('draws a busy day: hourly bars by sentiment, the week beside it, labels readable, like docs/digest-chart-busy.png', async () => {
    const { db } = await createTestDb();
    await seedWeek(db, (day) => (day === 22 ? 88 : 20 + day));
    const digest = await composeDigest(db, { memberId: 'priya', date: '2026-11-22', orgChart: chart, now: new Date('2026-11-23T08:00:00Z') });
    expect(digest.trend.map((t) => t.date)).toEqual(['2026-11-15', '2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22']);
    expect(digest.trend.at(-1)!.negative + digest.trend.at(-1)!.neutral + digest.trend.at(-1)!.positive).toBe(88);
    expect(digest.trend[0]!.medianFirstResponseMinutes).toBeGreaterThan(0);

    const { png, svg, width, height } = await renderDigestChart(digest, { heading: 'Care' });
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(width).toBeGreaterThan(1600);
    expect(height).toBeGreaterThan(800);
    expect(png.length).toBeGreaterThan(40_000);
    expect(png.length).toBeLessThan(400_000);
    // The labels are text in the drawing, in the bundled font.
    for (const label of ['Daily digest · Care', 'Sun 22 November 2026', 'Yesterday by hour: 88 cases', 'Negative', 'Neutral', 'Positive', 'The week: cases a day', 'First response a day (median)', 'hour (Europe/London)']) {
      expect(svg).toContain(label);
    }
    expect(svg).toContain('font-family="Inter');

    const img = await checkAgainstReference('digest-chart-busy.png', png);
    // Text where text belongs (so the comparison above is not of two blank pictures), none where there is none.
    expect(ink(img, 0, 0, 0.4, 0.12)).toBeGreaterThan(3000); // the title
    expect(ink(img, 0.03, 0.8, 0.58, 0.92)).toBeGreaterThan(800); // hour labels and axis title
    expect(ink(img, 0.6, 0.88, 1, 1)).toBeGreaterThan(900); // the week's day labels
    expect(ink(img, 0.6, 0, 1, 0.12)).toBe(0); // the empty top right
  });

  it('draws a quiet day as a plain statement, not an empty axis, like docs/digest-chart-quiet.png', async () => {
    const { db } = await createTestDb();
    await seedWeek(db, (day) => (day === 22 ? 0 : 30));
    const digest = await composeDigest(db, { memberId: 'priya', date: '2026-11-22', orgChart: chart, now: new Date('2026-11-23T08:00:00Z') });
    const { png, svg } = await renderDigestChart(digest, { heading: 'Care' });
    expect(svg).toContain('A quiet day');
    expect(svg).toContain('No new cases on Sun 22 November 2026.');
    expect(svg).toContain('The 7 days before averaged 30 a day.');
    expect(svg).not.toContain('Yesterday by hour');
    expect(png.length).toBeGreaterThan(20_000);
    expect(png.length).toBeLessThan(400_000);
    const img = await checkAgainstReference('digest-chart-quiet.png', png);
    expect(ink(img, 0.1, 0.35, 0.5, 0.55)).toBeGreaterThan(3000); // "A quiet day"
    expect(ink(img, 0.03, 0.8, 0.58, 0.92)).toBe(0); // no hour axis under it
  });

  it('says so when the week before was empty too, and draws hostile team names as plain text', async () => {
    const { db } = await createTestDb();
    const digest = await composeDigest(db, { memberId: 'priya', date: '2026-11-22', orgChart: chart, now: new Date('2026-11-23T08:00:00Z') });
    const { png, svg } = await renderDigestChart(digest, { heading: '<script>alert(1)</script> & "Care"\n\u202eevil' });
    expect(svg).toContain('None in the 7 days before either.');
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).not.toContain('\u202e');
    expect(decode(png).width).toBeGreaterThan(1000);
  });
});
