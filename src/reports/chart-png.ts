import { drawText, GLYPH_HEIGHT, textWidth } from './bitmap-font.js';
import { encodePng } from './png-encode.js';

/** One bar of the chart: cases created in a local hour, by sentiment. */
export interface TChartHour {
  hour: number;
  total: number;
  negative: number;
  positive: number;
}

type TRgb = readonly [number, number, number];
const BG: TRgb = [255, 255, 255];
const AXIS: TRgb = [90, 90, 90];
const GRID: TRgb = [228, 228, 228];
const BAR: TRgb = [150, 178, 214];
const NEG: TRgb = [210, 50, 45];
const POS: TRgb = [40, 150, 70];
const TEXT: TRgb = [40, 40, 40];

/** A nice axis maximum (1, 2, 5 × 10ⁿ) at or above `max`. */
function niceMax(max: number): number {
  if (max <= 4) return 4;
  const p = 10 ** Math.floor(Math.log10(max));
  return ([1, 2, 5, 10].map((m) => m * p).find((v) => v >= max) ?? 10 * p);
}

/**
 * Renders volume (bars) and negative / positive cases (lines) by local hour as a PNG, with axes, tick labels and a
 * legend, entirely in-process: no canvas, no chart service. Deterministic: the same series gives the same bytes.
 * @example const png = renderHourlyChart(stats.busiest.hours, { title: 'CASES BY HOUR 2026-11-22' });
 */
export function renderHourlyChart(series: readonly TChartHour[], o: { title?: string; width?: number; height?: number } = {}): Buffer {
  const W = o.width ?? 720;
  const H = o.height ?? 300;
  const px = new Uint8Array(W * H * 4);
  const set = (x: number, y: number, c: TRgb) => {
    if (x < 0 || y < 0 || x >= W || y >= H) return;
    const i = (Math.round(y) * W + Math.round(x)) * 4;
    px[i] = c[0];
    px[i + 1] = c[1];
    px[i + 2] = c[2];
    px[i + 3] = 255;
  };
  const rect = (x0: number, y0: number, x1: number, y1: number, c: TRgb) => {
    for (let y = Math.floor(y0); y < Math.ceil(y1); y++) for (let x = Math.floor(x0); x < Math.ceil(x1); x++) set(x, y, c);
  };
  const line = (x0: number, y0: number, x1: number, y1: number, c: TRgb) => {
    const steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0), 1);
    for (let s = 0; s <= steps; s++) {
      const x = x0 + ((x1 - x0) * s) / steps;
      const y = y0 + ((y1 - y0) * s) / steps;
      rect(x - 1, y - 1, x + 1, y + 1, c); // 2 px thick
    }
  };
  const text = (t: string, x: number, y: number, c: TRgb, scale = 2) => drawText(t, x, y, scale, (a, b) => set(a, b, c));
  rect(0, 0, W, H, BG);

  const left = 56, right = W - 16, top = 44, bottom = H - 36;
  const hours = Array.from({ length: 24 }, (_, h) => series.find((s) => s.hour === h) ?? { hour: h, total: 0, negative: 0, positive: 0 });
  const max = niceMax(Math.max(...hours.map((h) => h.total)));
  const yOf = (v: number) => bottom - ((bottom - top) * v) / max;
  const slot = (right - left) / 24;
  const xMid = (h: number) => left + slot * (h + 0.5);

  for (let k = 0; k <= 4; k++) {
    const v = (max * k) / 4;
    const y = yOf(v);
    if (k > 0) rect(left, y, right, y + 1, GRID);
    const label = String(Math.round(v));
    text(label, left - 8 - textWidth(label, 2), y - GLYPH_HEIGHT, TEXT);
    rect(left - 5, y, left, y + 1, AXIS);
  }
  for (const h of hours) rect(left + slot * h.hour + 2, yOf(h.total), left + slot * (h.hour + 1) - 2, bottom, BAR);
  for (const [key, colour] of [['negative', NEG], ['positive', POS]] as const) {
    for (let h = 1; h < 24; h++) line(xMid(h - 1), yOf(hours[h - 1]![key]), xMid(h), yOf(hours[h]![key]), colour);
  }
  rect(left, top, left + 1, bottom + 1, AXIS);
  rect(left, bottom, right, bottom + 1, AXIS);
  for (let h = 0; h < 24; h += 3) {
    rect(xMid(h), bottom, xMid(h) + 1, bottom + 5, AXIS);
    const label = String(h).padStart(2, '0');
    text(label, xMid(h) - textWidth(label, 2) / 2, bottom + 10, TEXT);
  }
  text((o.title ?? 'CASES BY HOUR').slice(0, 40), left, 12, TEXT);
  let lx = right - 330;
  for (const [label, colour] of [['CASES', BAR], ['NEGATIVE', NEG], ['POSITIVE', POS]] as const) {
    rect(lx, 14, lx + 14, 24, colour);
    text(label, lx + 20, 14, TEXT);
    lx += 24 + textWidth(label, 2) + 20;
  }
  return encodePng(W, H, px);
}
