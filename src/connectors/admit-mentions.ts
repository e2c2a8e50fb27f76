import { formatPath } from '../config/config-error.js';
import { LONE_SURROGATE, MAX_COUNT, ZMention, type TMention } from '../mention.js';

export interface TAdmitted {
  /** Mentions that now pass every rule of ZMention, in their original order. */
  mentions: TMention[];
  /** Fields that were changed to pass, per mention (for a log line: names only, never values). */
  repaired: { externalId: string; fields: string[] }[];
  /** Mentions no repair could save, with the first rule they break. */
  refused: { index: number; externalId: string; reason: string }[];
}

const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'gu');
const COUNTS = new Set(['followers', 'likes', 'shares', 'replies']);

/**
 * Holds what a connector normalised from a platform's payload to the Mention rules, repairing what a platform may
 * legitimately send but no database stores alike: NUL characters are removed, lone surrogates become U+FFFD and
 * counts beyond 32 bits are capped. The generic webhook does not repair: its sender hears 400 and can fix the source.
 * `raw` is never repaired: connectors read it back to reply.
 * @example const { mentions, refused } = admitMentions(connector.parse(req));
 */
export function admitMentions(input: readonly TMention[]): TAdmitted {
  const out: TAdmitted = { mentions: [], repaired: [], refused: [] };
  input.forEach((m, index) => {
    const fields: string[] = [];
    const fixed = repair(m, [], fields) as TMention;
    const parsed = ZMention.safeParse(fixed);
    if (!parsed.success) {
      const first = parsed.error.issues[0]!;
      out.refused.push({ index, externalId: String(m.externalId), reason: `${formatPath(first.path)}: ${first.message}` });
      return;
    }
    if (fields.length) out.repaired.push({ externalId: parsed.data.externalId, fields });
    out.mentions.push(parsed.data);
  });
  return out;
}

function repair(v: unknown, path: string[], fields: string[]): unknown {
  if (typeof v === 'string') {
    const s = v.replaceAll('\u0000', '').replace(LONE_SURROGATES, '\uFFFD');
    if (s !== v) fields.push(path.join('.'));
    return s;
  }
  if (typeof v === 'number' && COUNTS.has(path.at(-1) ?? '') && v > MAX_COUNT) {
    fields.push(path.join('.'));
    return MAX_COUNT;
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  const o: Record<string, unknown> = {};
  for (const [k, child] of Object.entries(v)) o[k] = k === 'raw' && path.length === 0 ? child : repair(child, [...path, k], fields);
  return o;
}
