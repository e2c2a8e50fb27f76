import type { TopLevelSpec } from 'vega-lite';
import type { TDigest } from './digest.js';

/** Sentiment colours, negative first: the order bars stack in and the legend reads. Distinguishable in greyscale too. */
const SENTIMENTS = [
  { key: 'negative', label: 'Negative', colour: '#c8354b' },
  { key: 'neutral', label: 'Neutral', colour: '#a9b4c2' },
  { key: 'positive', label: 'Positive', colour: '#2f9e60' },
] as const;

const INK = '#1f2933';
const MUTED = '#52606d';
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export const CHART_FONT = 'Inter';

/** "Sun 22" for a YYYY-MM-DD date; the calendar date alone, so no time zone is involved. */
function shortDay(date: string): string {
  const t = new Date(`${date}T12:00:00Z`);
  return `${WEEKDAYS[t.getUTCDay()]} ${t.getUTCDate()}`;
}

function longDay(date: string): string {
  const t = new Date(`${date}T12:00:00Z`);
  return `${WEEKDAYS[t.getUTCDay()]} ${t.getUTCDate()} ${MONTHS[t.getUTCMonth()]} ${t.getUTCFullYear()}`;
}

/** Text for the picture: one line, no control characters, bounded — it is drawn, never parsed, but stays tidy. */
export function chartText(s: string, max = 90): string {
  const clean = s.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028-\u202e\u2066-\u2069]+/g, ' ').replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

const formatAverage = (v: number) => (v >= 10 ? String(Math.round(v)) : v.toFixed(1).replace(/\.0$/, ''));

/** The left panel on a day without cases: a plain statement in a tinted box where the hourly bars would be. */
function quietPanel(line: string, context: string) {
  const at = (y: number) => ({ x: { value: 235 }, y: { value: y } });
  return {
    width: 470,
    height: 250,
    data: { values: [{}] },
    layer: [
      { mark: { type: 'rect' as const, color: '#f3f5f7', cornerRadius: 10, x: 0, y: 0, x2: 470, y2: 250 } },
      { mark: { type: 'text' as const, text: 'A quiet day', fontSize: 30, fontWeight: 'bold' as const, color: INK, align: 'center' as const }, encoding: at(100) },
      { mark: { type: 'text' as const, text: line, fontSize: 16, color: INK, align: 'center' as const }, encoding: at(140) },
      { mark: { type: 'text' as const, text: context, fontSize: 14, color: MUTED, align: 'center' as const }, encoding: at(170) },
    ],
  };
}

const minutes = (v: number | null) => (v === null ? '–' : v < 120 ? `${Math.round(v)} min` : `${(v / 60).toFixed(1)} h`);

/**
 * The digest picture as a Vega-Lite spec: yesterday's cases by local hour stacked by sentiment on the left; on the
 * right the week's trend — cases a day and the median first response a day — with yesterday drawn solid and the days
 * before it lighter. A day without cases gets a plain "quiet day" panel instead of an empty axis. Pure: data in,
 * JSON out; rendering is render-chart.ts's job.
 * @example const png = await renderSpec(digestChartSpec(digest, { heading: 'Social care' }));
 */
export function digestChartSpec(d: Pick<TDigest, 'date' | 'timeZone' | 'hourly' | 'trend'>, o: { heading: string }): TopLevelSpec {
  const dayTotal = d.hourly.reduce((n, h) => n + h.total, 0);
  const responded = d.trend.at(-1)?.medianFirstResponseMinutes ?? null;
  const weekCases = d.trend.slice(0, -1).reduce((n, t) => n + t.negative + t.neutral + t.positive, 0);
  const sentiment = {
    field: 'sentiment',
    type: 'nominal' as const,
    title: null,
    sort: SENTIMENTS.map((s) => s.label),
    scale: { domain: SENTIMENTS.map((s) => s.label), range: SENTIMENTS.map((s) => s.colour) },
    legend: { orient: 'top' as const, direction: 'horizontal' as const, symbolType: 'square', labelFontSize: 13, offset: 6 },
  };
  const stackOrder = { field: 'stackOrder', type: 'quantitative' as const };

  const hourRows = d.hourly.flatMap((h) =>
    SENTIMENTS.map((s, i) => ({ hour: String(h.hour).padStart(2, '0'), sentiment: s.label, stackOrder: i, count: h[s.key] })),
  );
  const hours = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
  const dayPanel =
    dayTotal > 0
      ? {
          title: { text: `Yesterday by hour: ${dayTotal} case${dayTotal === 1 ? '' : 's'}`, subtitle: `First response, median: ${minutes(responded)}` },
          width: 470,
          height: 250,
          data: { values: hourRows },
          mark: { type: 'bar' as const, width: { band: 0.8 } },
          encoding: {
            x: { field: 'hour', type: 'ordinal' as const, sort: hours, scale: { domain: hours }, title: `hour (${chartText(d.timeZone, 40)})`, axis: { labelAngle: 0, values: hours.filter((_, i) => i % 3 === 0) } },
            y: { field: 'count', type: 'quantitative' as const, stack: 'zero' as const, title: 'cases', axis: { tickMinStep: 1, format: 'd' } },
            color: sentiment,
            order: stackOrder,
          },
        }
      : quietPanel(
          `No new cases on ${longDay(d.date)}.`,
          weekCases ? `The 7 days before averaged ${formatAverage(weekCases / 7)} a day.` : 'None in the 7 days before either.',
        );

  const trendRows = d.trend.flatMap((t, i) =>
    SENTIMENTS.map((s, k) => ({ day: shortDay(t.date), sentiment: s.label, stackOrder: k, count: t[s.key], yesterday: i === d.trend.length - 1 })),
  );
  const days = d.trend.map((t) => shortDay(t.date));
  // Two-line labels ("Sun" over "22"): eight days fit under a 320-pixel panel at a readable size.
  const dayAxis = { field: 'day', type: 'ordinal' as const, sort: days, scale: { domain: days }, title: null, axis: { labelAngle: 0, labelExpr: "split(datum.label, ' ')", labelLineHeight: 14 } };
  const emphasis = { condition: { test: 'datum.yesterday', value: 1 }, value: 0.45 };
  const responseRows = d.trend.map((t, i) => ({ day: shortDay(t.date), minutes: t.medianFirstResponseMinutes, label: minutes(t.medianFirstResponseMinutes), yesterday: i === d.trend.length - 1 }));

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    background: 'white',
    padding: 20,
    title: { text: chartText(`Daily digest · ${o.heading}`), subtitle: `${longDay(d.date)} · ${chartText(d.timeZone, 40)}`, anchor: 'start', fontSize: 20, subtitleFontSize: 14, subtitleColor: MUTED, offset: 14 },
    config: {
      font: CHART_FONT,
      view: { stroke: null },
      axis: { labelFontSize: 12, titleFontSize: 12, labelColor: MUTED, titleColor: MUTED, titleFontWeight: 'normal', gridColor: '#e4e7eb', domainColor: '#9aa5b1', tickColor: '#9aa5b1' },
      legend: { labelColor: INK },
      title: { color: INK, fontWeight: 'bold', subtitleColor: MUTED },
    },
    spacing: 40,
    resolve: { scale: { color: 'shared' } },
    hconcat: [
      dayPanel,
      {
        spacing: 24,
        vconcat: [
          {
            title: { text: 'The week: cases a day', fontSize: 14 },
            width: 320,
            height: 110,
            data: { values: trendRows },
            mark: { type: 'bar', width: { band: 0.7 } },
            encoding: {
              x: dayAxis,
              y: { field: 'count', type: 'quantitative', stack: 'zero', title: null, axis: { tickMinStep: 1, format: 'd', tickCount: 4 } },
              color: sentiment,
              order: stackOrder,
              opacity: emphasis,
            },
          },
          {
            title: { text: 'First response a day (median)', fontSize: 14 },
            width: 320,
            height: 90,
            data: { values: responseRows },
            layer: [
              { mark: { type: 'line', color: '#3e7cb1', strokeWidth: 2 }, encoding: { x: dayAxis, y: { field: 'minutes', type: 'quantitative', title: 'min', axis: { tickCount: 3 } } } },
              { mark: { type: 'point', filled: true, size: 60, color: '#3e7cb1' }, encoding: { x: dayAxis, y: { field: 'minutes', type: 'quantitative' }, opacity: emphasis } },
              {
                transform: [{ filter: 'datum.yesterday && isValid(datum.minutes)' }],
                mark: { type: 'text', dy: -12, fontSize: 12, fontWeight: 'bold', color: INK },
                encoding: { x: dayAxis, y: { field: 'minutes', type: 'quantitative' }, text: { field: 'label', type: 'nominal' } },
              },
            ],
          },
        ],
      },
    ],
  } as TopLevelSpec;
}
