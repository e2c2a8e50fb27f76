/**
 * Language identification from writing system and stop-word profiles. Cheap and good enough to
 * know whether the (English-trained) models can read a post; anything else goes to a person.
 */
import { CUE_LANGS } from './multilingual.js';
import type { TToken } from './tokenise.js';

/** Languages the learned models were trained on. */
export const READABLE_LANGS: ReadonlySet<string> = new Set(['en']);

export const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  en: 'English', es: 'Spanish', fr: 'French', de: 'German', pt: 'Portuguese', it: 'Italian', nl: 'Dutch',
  sv: 'Swedish', pl: 'Polish', tr: 'Turkish', id: 'Indonesian', ar: 'Arabic', he: 'Hebrew', ru: 'Russian',
  el: 'Greek', ja: 'Japanese', zh: 'Chinese', ko: 'Korean', th: 'Thai', hi: 'Hindi', bn: 'Bengali', und: 'unknown',
};

const sw = (s: string): Set<string> => new Set(s.trim().split(/\s+/));
// Function words only: frequent, short, and mostly distinct across these languages.
const STOPWORDS: Readonly<Record<string, Set<string>>> = {
  en: sw(`the and is are was were to of in for on with that this it you your my i me we they have has had not be but at
    from just so what why how can will would don't it's i'm im been do does did any please thanks our us still get got`),
  es: sw(`el la los las de que y en un una por para con no es está esta pero muy mi su lo le se del al como más ya hay
    porque qué cuando también gracias tengo estoy hoy nada sin ser todo bien mis sus nos`),
  fr: sw(`le la les de des du un une et est en que qui pas pour sur avec ne je vous il elle nous ce cette mais très mon
    ma mes au aux plus c'est j'ai merci suis depuis toujours rien chez votre vos ça`),
  de: sw(`der die das und ist nicht ich du sie wir ein eine mit auf für zu von den dem des im es sich auch aber noch wie
    nur bei mein meine danke schon seit immer kein keine habe hat wird ihr euch`),
  pt: sw(`o a os as de que e em um uma para com não é do da dos das no na mais por mas muito meu minha você está
    obrigado obrigada isso já tem estou ainda nada sem foi seu sua`),
  it: sw(`il lo la gli le di che e è un una per con non sono del della nel ma più mi ti si anche come questo grazie
    molto ho ancora niente sempre mio mia vostro è ha hanno era c'era della questa nostro stanotte dappertutto`),
  nl: sw(`de het een en is van ik je niet dat die op te met voor zijn er maar ook wel nog bij naar wat dank heb al
    geen mijn jullie u hebben werkt`),
  sv: sw(`och att det som en är på för med har inte jag till av den om ett var men mitt tack fungerar`),
  pl: sw(`i w nie na się z że to jest do jak ale mam co po tak już dla mnie jestem dziękuję`),
  tr: sw(`ve bir bu da de için ile çok ama ne var yok mi mı ben sen değil gibi daha teşekkürler`),
  id: sw(`yang dan di ini itu tidak dengan untuk ada saya dari ke akan sudah tapi juga bisa kami terima kasih`),
};

// Letters that only some languages use; a small nudge when stop words are few.
const HINTS: readonly [RegExp, string][] = [
  [/[ñ¿¡]/, 'es'], [/[ãõ]/, 'pt'], [/ß/, 'de'], [/[ąęłńśźż]/, 'pl'], [/[ğış]/, 'tr'], [/[œ]/, 'fr'],
];

/**
 * Short words that are also everyday English ("a", "do", "no", "to", "i", "me", "die"): counted only for
 * English, or "no internet a week" reads as Portuguese and "i need to" as Polish.
 */
const ENGLISH_TOO = new Set(['a', 'as', 'do', 'no', 'on', 'in', 'i', 'to', 'is', 'me', 'die', 'be', 'an', 'so', 'it', 'or', 'am', 'we', 'he', 'hat', 'war', 'man', 'will', 'also', 'per', 'come', 'son', 'top', 'men', 'ten', 'tem', 'den', 'mine', 'but', 'has', 'us']);

/** Stop word → languages using it, so each token costs one lookup. */
const STOPWORD_LANGS = new Map<string, string[]>();
for (const [lang, set] of Object.entries(STOPWORDS)) {
  for (const w of set) {
    if (lang !== 'en' && ENGLISH_TOO.has(w)) continue;
    STOPWORD_LANGS.set(w, [...(STOPWORD_LANGS.get(w) ?? []), lang]);
  }
}

// Anything beyond Latin, symbols and emoji: only then are the script counts worth their cost.
const NON_LATIN = /[Ͱ-῿぀-꓏가-힯]/u;

const SCRIPTS: readonly [RegExp, string][] = [
  [/[\u3040-\u30ff]/gu, 'ja'], [/[\uac00-\ud7af\u1100-\u11ff]/gu, 'ko'], [/\p{Script=Han}/gu, 'zh'],
  [/\p{Script=Arabic}/gu, 'ar'], [/\p{Script=Hebrew}/gu, 'he'], [/\p{Script=Cyrillic}/gu, 'ru'],
  [/\p{Script=Greek}/gu, 'el'], [/\p{Script=Thai}/gu, 'th'], [/\p{Script=Devanagari}/gu, 'hi'],
  [/\p{Script=Bengali}/gu, 'bn'],
];

export interface TLanguageResult {
  /** Primary language tag, "und" when undecidable. */
  lang: string;
  /** Whether the learned models can read it (English). */
  readable: boolean;
  /** Read from phrase cues instead (see multilingual.ts): topic and intent, not the models' tone. */
  cues: boolean;
  /** Where the answer came from, for the reasons list. */
  source: 'platform' | 'script' | 'stopwords' | 'default';
}

/** Ignored platform tags: "undetermined", "no linguistic content", X's pseudo-tags. */
const NON_LANGS = new Set(['und', 'zxx', 'qme', 'qht', 'qam', 'qct', 'qst', 'art', 'mul']);

/** Detects the language; a platform-supplied tag wins when it names a real language. */
export function detectLanguage(text: string, tokens: readonly TToken[], platformLang?: string): TLanguageResult {
  const given = platformLang?.toLowerCase().split(/[-_]/)[0];
  if (given && given.length >= 2 && !NON_LANGS.has(given)) return result(given, 'platform');

  let letters = 0;
  for (const t of tokens) if (t.kind === 'word' || t.kind === 'hashtag') letters += t.text.length;
  if (letters === 0) return { lang: 'und', readable: false, cues: false, source: 'default' };

  // Every script and hint pattern below is non-ASCII: one scan rules them all out for most posts.
  // eslint-disable-next-line no-control-regex -- ASCII range test
  const ascii = !/[^\u0000-\u007f]/.test(text);
  // A non-Latin script that covers a good share of the letters decides on its own.
  if (!ascii && NON_LATIN.test(text)) {
    for (const [re, lang] of SCRIPTS) {
      const n = text.match(re)?.length ?? 0;
      if (n > 0 && n * 3 >= letters) return result(lang, 'script');
    }
  }

  const scores = new Map<string, number>();
  let words = 0;
  for (const t of tokens) {
    if (t.kind !== 'word') continue;
    words++;
    const langs = STOPWORD_LANGS.get(t.text);
    if (langs) for (const lang of langs) scores.set(lang, (scores.get(lang) ?? 0) + 1);
  }
  if (!ascii) for (const [re, lang] of HINTS) if (re.test(text)) scores.set(lang, (scores.get(lang) ?? 0) + 1.5);
  let best = 'en';
  let bestScore = 0;
  for (const [lang, s] of scores) {
    // English wins ties: it is the language the engine reads and the commonest here.
    if (s > bestScore || (s === bestScore && lang === 'en')) [best, bestScore] = [lang, s];
  }
  if (bestScore === 0) {
    // Latin script without a function word of any language listed: "wifi down @acme", "Hub 3 vs Hub 2
    // teardown photos". A post in another listed language would have shown its function words, so English
    // (the engine reads it) is the useful answer; saying "unknown" would only hide it from the models.
    return result('en', 'default');
  }
  return result(best, 'stopwords');
}

function result(lang: string, source: TLanguageResult['source']): TLanguageResult {
  return { lang, readable: READABLE_LANGS.has(lang), cues: CUE_LANGS.has(lang), source };
}


/** "Spanish (es)" for reasons. */
export const languageLabel = (lang: string): string => `${LANGUAGE_NAMES[lang] ?? lang} (${lang})`;

/** A function word of any language the engine profiles ("the", "est", "porque"): no use as a topic term. */
export const isStopword = (word: string): boolean => STOPWORD_LANGS.has(word.toLowerCase());
