import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import opentype from 'opentype.js';

const require = createRequire(import.meta.url);

/**
 * Inter (SIL Open Font License 1.1, licence in the package), from @expo-google-fonts/inter: the only fonts the chart
 * renderer sees, so a chart looks the same on every machine and nothing is fetched at run time.
 */
export const CHART_FONT_FAMILY = 'Inter';
export const CHART_FONT_FILES = {
  regular: require.resolve('@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf'),
};

let faces: { regular: opentype.Font; bold: opentype.Font } | undefined;
const load = (file: string) => {
  const b = readFileSync(file);
  return opentype.parse(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
};

/**
 * Width of `text` in pixels at `fontSize`, from the font's own advance widths (kerning aside, within a pixel or two
 * on a label). Vega lays out axes, legends and titles with it; without it Vega guesses 0.8 em a character, which
 * for Inter is half as wide again as the real text and spreads legends and titles apart.
 */
export function textWidth(text: string, fontSize: number, bold = false): number {
  faces ??= { regular: load(CHART_FONT_FILES.regular), bold: load(CHART_FONT_FILES.bold) };
  const font = bold ? faces.bold : faces.regular;
  let units = 0;
  // Per character rather than opentype's shaper, which does not handle every lookup Inter uses.
  for (const ch of text) units += font.charToGlyph(ch).advanceWidth ?? 0;
  return (units * fontSize) / font.unitsPerEm;
}
