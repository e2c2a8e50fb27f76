import { measureText, type TLengthUnit } from '../connectors/text-limits.js';

/**
 * Fits a draft within the platform's limit: whole sentences while they fit, else whole words and an ellipsis.
 * `cut` says how much was over, so the dialog can tell staff the draft was shortened.
 * @example fitLength('One. Two three.', 6, 'characters') // { text: 'One.', cut: 11 }
 */
export function fitLength(text: string, max: number, unit: TLengthUnit): { text: string; cut: number } {
  const trimmed = text.trim();
  const used = measureText(trimmed, unit);
  if (used <= max) return { text: trimmed, cut: 0 };
  const fits = (s: string) => measureText(s, unit) <= max;
  const sentences = trimmed.match(/[^.!?…]+[.!?…]+["'”’)]*\s*|[^.!?…]+$/gu) ?? [trimmed];
  let out = '';
  for (const s of sentences) {
    if (!fits(out + s.trimEnd())) break;
    out += s;
  }
  if (out.trim()) return { text: out.trim(), cut: used - measureText(out.trim(), unit) };
  let words = '';
  for (const w of trimmed.split(/(\s+)/)) {
    if (!fits(`${words}${w}`.trimEnd() + '…')) break;
    words += w;
  }
  const cutText = `${words.trimEnd()}…`;
  return { text: cutText, cut: used - measureText(cutText, unit) };
}
