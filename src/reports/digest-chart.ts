import type { TDigest } from './digest.js';
import { digestChartSpec } from './digest-chart-spec.js';
import { renderSpec, type TRenderedChart } from './render-chart.js';

/** Twice the layout's pixels: chat clients show it scaled down, sharp on high-density screens. */
export const DIGEST_CHART_SCALE = 2;

/**
 * The digest's picture as a PNG: yesterday by hour stacked by sentiment, the week's cases and first-response trend
 * beside it, or a "quiet day" panel when nothing came in. `heading` names the teams (from the org chart).
 * @example const { png } = await renderDigestChart(digest, { heading: 'Social care' });
 */
export function renderDigestChart(d: Pick<TDigest, 'date' | 'timeZone' | 'hourly' | 'trend'>, o: { heading: string; scale?: number }): Promise<TRenderedChart> {
  return renderSpec(digestChartSpec(d, { heading: o.heading }), { scale: o.scale ?? DIGEST_CHART_SCALE });
}
