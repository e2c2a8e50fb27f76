import type { TPlatform } from '../mention.js';

/** How a platform counts: Bluesky counts graphemes; the others count Unicode code points. */
export type TLengthUnit = 'characters' | 'graphemes';

export const TEXT_LIMITS: Record<TPlatform, { max: number; unit: TLengthUnit }> = {
  x: { max: 280, unit: 'characters' },
  bluesky: { max: 300, unit: 'graphemes' },
  mastodon: { max: 500, unit: 'characters' },
  instagram: { max: 2200, unit: 'characters' },
  facebook: { max: 8000, unit: 'characters' },
  youtube: { max: 10000, unit: 'characters' },
  reddit: { max: 10000, unit: 'characters' },
  google_reviews: { max: 4096, unit: 'characters' },
  generic: { max: 10000, unit: 'characters' },
};

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

export function measureText(text: string, unit: TLengthUnit): number {
  if (unit === 'characters') return [...text].length;
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}

/** null when the text fits, else a sentence saying by how much it does not. */
export function textLimitProblem(platform: TPlatform, text: string): string | null {
  const { max, unit } = TEXT_LIMITS[platform];
  const len = measureText(text, unit);
  return len <= max ? null : `${platformName(platform)} allows ${max} ${unit}; this reply has ${len}. Shorten it by ${len - max}.`;
}

export function platformName(p: TPlatform): string {
  const names: Record<TPlatform, string> = {
    x: 'X',
    facebook: 'Facebook',
    instagram: 'Instagram',
    reddit: 'Reddit',
    youtube: 'YouTube',
    google_reviews: 'Google reviews',
    bluesky: 'Bluesky',
    mastodon: 'Mastodon',
    generic: 'The source platform',
  };
  return names[p];
}
