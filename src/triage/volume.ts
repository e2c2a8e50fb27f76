/**
 * Volume stated in a single post: "300 homes", "the entire city", "every business on our high street",
 * "half of Glasgow". An outage that already reaches that many people is an incident on its own, before a
 * wave of posts shows it.
 */
import { stemGate } from './stem-gate.js';
import type { TToken } from './tokenise.js';

const COUNT = /\b(\d{2,}[\d,]*|dozens|hundreds|thousands|scores)\s+(?:of\s+)?(?:other\s+)?(?:homes|houses|households|customers|people|businesses|shops|flats|properties|users|residents|neighbours|neighbors|families)\b/i;
const AREA = /\b(?:(?:the )?(?:entire|whole(?: of)?|all of|half(?: of)?(?: the)?|most of(?: the)?)\s+(?:the\s+)?(?:city|town|village|street|estate|area|region|county|country|building|block|postcode|high street|\p{Lu}\p{L}+)|(?:every|all the) (?:business(?:es)?|shop|house|home|flat)s? (?:on|in) (?:our|the|my)|all (?:my|our) neighbou?rs|massive outage|widespread|nationwide|across (?:the )?(?:city|country|region|\p{Lu}\p{L}+)|toda la ciudad|todo el barrio|die ganze stadt|toute la ville|tutta la città|a cidade inteira|toda a cidade|de hele stad)\b/u;

// Cheap first pass: some word both patterns need (numbers are tokens of their own).
const GATE = stemGate(['dozens', 'hundreds', 'thousands', 'scores', 'entire', 'whole', 'half', 'most', 'all', 'every', 'massive', 'widespread', 'nationwide', 'across', 'toda', 'todo', 'ganze', 'toute', 'tutta', 'inteira', 'hele']);

/** The words stating a large number affected, or undefined. */
export function statedVolume(text: string, tokens: readonly TToken[]): string | undefined {
  if (!GATE.test(tokens) && !tokens.some((t) => t.kind === 'num')) return undefined;
  const c = COUNT.exec(text);
  if (c) {
    const n = Number(c[1]!.replace(/,/g, ''));
    if (Number.isNaN(n) || n >= 20) return c[0];
  }
  return AREA.exec(text)?.[0];
}
