import type { TopLevelSpec } from 'vega-lite';
import { CHART_FONT, chartText } from './digest-chart-spec.js';
import { renderSpec, type TRenderedChart } from './render-chart.js';

const INK = '#1f2933';
const MUTED = '#52606d';
const RISE = '#c8354b';
const USUAL = '#52606d';

/** What the picture needs of a spike (src/bot/views/spike-view.ts builds it). */
export interface TSpikePicture {
  team: { name: string };
  lines: { scopeLabel: string; headline: string; metric: string }[];
  weeks: number;
  hours: { at: Date; count: number; usual: number }[];
}

const clock = (at: Date, timeZone: string) => new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);

/**
 * The spike alert's picture: what came in each of the last hours as bars, the usual level for those hours of the week
 * as a dashed line, the latest hour in red. Pure: the view in, a Vega-Lite spec out (the digest's renderer draws it).
 */
export function spikeChartSpec(v: TSpikePicture, timeZone: string): TopLevelSpec {
  const rows = v.hours.map((h, i) => ({ hour: clock(h.at, timeZone), count: h.count, usual: h.usual, latest: i === v.hours.length - 1 }));
  const order = rows.map((r) => r.hour);
  const x = { field: 'hour', type: 'ordinal' as const, sort: order, scale: { domain: order }, title: `hour starting (${chartText(timeZone, 40)})`, axis: { labelAngle: 0 } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    background: 'white',
    padding: 20,
    title: { text: chartText(`Spike · ${v.lines[0]?.scopeLabel ?? v.team.name}`), subtitle: chartText(v.lines[0]?.headline ?? '', 110), anchor: 'start', fontSize: 20, subtitleFontSize: 14, subtitleColor: MUTED, offset: 14 },
    config: {
      font: CHART_FONT,
      view: { stroke: null },
      axis: { labelFontSize: 12, titleFontSize: 12, labelColor: MUTED, titleColor: MUTED, titleFontWeight: 'normal', gridColor: '#e4e7eb', domainColor: '#9aa5b1', tickColor: '#9aa5b1' },
      title: { color: INK, fontWeight: 'bold', subtitleColor: MUTED },
    },
    width: 640,
    height: 240,
    data: { values: rows },
    layer: [
      {
        mark: { type: 'bar', width: { band: 0.75 } },
        encoding: {
          x,
          y: { field: 'count', type: 'quantitative', title: v.lines[0]?.metric === 'negative' ? 'negative mentions' : 'mentions', axis: { tickMinStep: 1, format: 'd' } },
          color: { condition: { test: 'datum.latest', value: RISE }, value: '#a9b4c2' },
        },
      },
      {
        mark: { type: 'line', strokeDash: [6, 4], strokeWidth: 2, color: USUAL, point: { color: USUAL, size: 24 } },
        encoding: { x, y: { field: 'usual', type: 'quantitative' } },
      },
      {
        data: { values: [{ label: `dashed: usual for this hour of the week (median of ${v.weeks} week${v.weeks === 1 ? '' : 's'})` }] },
        mark: { type: 'text', align: 'left', baseline: 'top', x: 0, y: -4, fontSize: 12, color: MUTED },
        encoding: { text: { field: 'label' } },
      },
    ],
  } as TopLevelSpec;
}

/** Slack shows uploads scaled down: draw at 2× there, 1× for Teams' inline image (it travels as base64). */
export function renderSpikeChart(v: TSpikePicture, timeZone: string, scale: number): Promise<TRenderedChart> {
  return renderSpec(spikeChartSpec(v, timeZone), { scale });
}
