/**
 * Text clean-up before any analysis. Hostile input (100 KB posts, zero-width joiners used to dodge
 * filters, control characters, right-to-left overrides) must neither crash nor slow the engine.
 */

/** Longer posts are still triaged, but only their head is analysed: the verdict rarely hides past it. */
export const MAX_ANALYSED_CHARS = 4000;

// Zero-width and bidi-control characters are invisible to readers and used to split words to evade filters.
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;
// C0/C1 controls other than tab/newline carry no meaning in a post.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

const NEEDS_WORK = /[^\t\n\x20-\x5f\x61-\x7e]/;

/** Strips invisible/control characters, folds compatibility forms (NFKC: ｆｕｌｌｗｉｄｔｈ, ligatures) and caps length. */
export function normaliseText(text: string): string {
  let t = text.length > MAX_ANALYSED_CHARS ? text.slice(0, MAX_ANALYSED_CHARS) : text;
  // Printable ASCII (less the backtick), tab and newline hold nothing any step below changes: one
  // scan instead of four for most posts.
  if (!NEEDS_WORK.test(t)) return t;
  t = t.replace(INVISIBLE, '').replace(CONTROL, ' ');
  // NFKC is cheap for ASCII, which is nearly every post; skip it there.
  // eslint-disable-next-line no-control-regex -- ASCII range test
  if (/[^\u0000-\u007f]/.test(t)) t = t.normalize('NFKC');
  return t.replace(/[’‘`´]/g, "'");
}
