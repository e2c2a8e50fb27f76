import { renderAsync } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { CHART_FONT_FAMILY, CHART_FONT_FILES, textWidth } from './chart-fonts.js';

interface TTextItem {
  text?: unknown;
  fontSize?: number;
  fontWeight?: string | number;
}
// vega re-exports vega-scenegraph's textMetrics, whose `width` is the hook for headless text measurement (what
// vl-convert uses); its type declarations leave it out. Measure with the font that is drawn.
const { textMetrics } = vega as unknown as { textMetrics: { width: (item: TTextItem, text?: unknown) => number } };
textMetrics.width = (item, text) => {
  const t = String(text ?? item.text ?? '');
  const weight = item.fontWeight;
  return textWidth(t, item.fontSize ?? 11, weight === 'bold' || (typeof weight === 'number' && weight >= 600) || weight === '600' || weight === '700');
};

export interface TRenderOptions {
  /** Pixel density: 2 draws the same layout at twice the pixels, sharp on high-density screens. */
  scale?: number;
}

export interface TRenderedChart {
  png: Buffer;
  svg: string;
  width: number;
  height: number;
}

/**
 * Vega-Lite → Vega → SVG (Vega's headless renderer) → PNG (resvg, with the bundled fonts only and no system fonts).
 * Deterministic: the same spec gives the same bytes on any machine.
 */
export async function renderSpec(spec: TopLevelSpec, o: TRenderOptions = {}): Promise<TRenderedChart> {
  const svg = await toSvg(spec);
  // Rasterising is the costly half and runs on libuv's thread pool, off the event loop.
  const image = await renderAsync(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: o.scale ?? 1 },
    font: { fontFiles: [CHART_FONT_FILES.regular, CHART_FONT_FILES.bold], loadSystemFonts: false, defaultFontFamily: CHART_FONT_FAMILY, sansSerifFamily: CHART_FONT_FAMILY },
  });
  return { png: image.asPng(), svg, width: image.width, height: image.height };
}

export async function toSvg(spec: TopLevelSpec): Promise<string> {
  // Warnings (an empty series, say) are not worth a log line per chart; errors still throw.
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none', logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
