/**
 * The text the sentence encoder sees, identical at training and run time: cleaned like the fast engine's
 * input, links and handles replaced by stable words (a URL's characters only add noise to a sentence
 * vector), and capped so one huge post cannot stall a batch.
 */
import { normaliseText } from '../normalise.js';

/** Characters past this add little to a 512-d sentence vector and cost time in every batch. */
export const MAX_ENCODED_CHARS = 600;

const URL = /(?:https?:\/\/|www\.)\S+/gi;
const HANDLE = /(^|[^\p{L}\p{N}_])@[\p{L}\p{N}_]{1,30}/gu;

/**
 * @example
 * prepareForEncoder('@acme wifi down https://t.co/x') // "@user wifi down link"
 */
export function prepareForEncoder(raw: string): string {
  const t = normaliseText(raw).replace(URL, 'link').replace(HANDLE, '$1@user').replace(/\s+/g, ' ').trim();
  const capped = t.length > MAX_ENCODED_CHARS ? t.slice(0, MAX_ENCODED_CHARS) : t;
  // The model refuses an empty input (no tokens); a lone dot encodes as "nothing said".
  return capped === '' ? '.' : capped;
}
