/**
 * Cues in the other languages the engine reads (Spanish, Portuguese, German, French, Italian, Dutch, Polish).
 * The learned models are English-only, so for these posts topic, tone and intent come from phrase cues:
 * enough to route and decide ("sin internet desde ayer" is an outage to answer, "gracias" is praise), with
 * the card saying the tone was read from cues, not a model.
 */
import type { TCategory } from '../config/org-chart-schema.js';

/** Languages with cue lists here, besides English. */
export const CUE_LANGS: ReadonlySet<string> = new Set(['es', 'pt', 'de', 'fr', 'it', 'nl', 'pl']);

const w = (s: string): RegExp => new RegExp(`(?<![\\p{L}])(?:${s})(?![\\p{L}])`, 'iu');

const TOPICS: readonly [TCategory, RegExp][] = [
  ['outage', w('sin (?:internet|conexión|señal|servicio|línea)|no (?:tengo|hay) (?:internet|conexión|señal)|caída|kein(?:e)? (?:internet|verbindung|netz|empfang)|ausfall|störung|pas d.internet|pas de (?:connexion|réseau)|panne|coupure|sem (?:internet|sinal|rede)|senza (?:internet|connessione|linea)|geen (?:internet|verbinding)|nie mam internetu|brak internetu|awaria|internet (?:no funciona|não funciona|non funziona|ne marche pas|funktioniert nicht|werkt niet|nie działa)')],
  ['defect', w('se reinicia|reinicia(?:ndo)?|se bloquea|se cuelga|no enciende|no carga|startet\\b.{0,30}\\bneu|stürzt ab|defekt|kaputt|plante|redémarre|en panne|ne s.allume|reinicia sozinho|trava|travando|si riavvia|si blocca|non si accende|herstart|loopt vast|zawiesza się|restartuje')],
  ['billing', w('cobrad[oa]s?|cobraron|factura|reembolso|devuelvan el dinero|me han cobrado|berechnet|rechnung|geld zurück|abgebucht|factur[ée]+|remboursement|prélev[ée]+|cobraram|fatura|reembolso|addebitat[oa]|bolletta|rimborso|gefactureerd|factuur|geld terug|rachunek|zwrot|opłat')],
  ['delivery', w('no ha llegado|envío|pedido|técnico no vino|nicht angekommen|lieferung|paket|pas reçu|livraison|colis|não chegou|entrega|encomenda|non è arrivato|consegna|niet aangekomen|bezorging|nie dotarła|przesyłka')],
  ['service', w('nadie (?:contesta|responde|me llama)|esperando que me llame|atención al cliente|servicio técnico|niemand (?:antwortet|meldet sich|ruft)|kundenservice|hotline|personne ne répond|service client|ninguém responde|atendimento|nessuno risponde|servizio clienti|niemand reageert|klantenservice|nikt nie odpowiada')],
  ['lead', w('contratar|quiero (?:contratar|cambiarme)|cuánto cuesta|qué precio|was kostet|ich möchte wechseln|wechseln|combien coûte|quel prix|m.abonner|quanto custa|quero contratar|quanto costa|vorrei (?:attivare|passare)|wat kost|overstappen|ile kosztuje')],
];

const PRAISE = w('gracias|me encanta|genial|excelente|perfecto|danke|super|toll|prima|merci|génial|parfait|obrigad[oa]|ótimo|perfeito|grazie|fantastico|ottimo|bedankt|geweldig|dziękuję|świetnie|endlich schnell');
const NEGATIVE = w('peor|fatal|horrible|vergüenza|harto|ninguna solución|schlecht(?:este)?|schlimm|katastrophe|unverschämt|nul|honte|inadmissible|pior|vergonha|péssim[oa]|peggiore|vergogna|schande|slecht|beznadziej\\w*|nadie|niemand|personne|ninguém|nessuno|sin|kein|pas|sem|senza|geen');
const QUESTION = /[¿?]|(?<![\p{L}])(?:cómo|como posso|comment|kann ich|come posso|hoe kan|jak mogę|tenéis|tienen|avez-vous|habt ihr|gibt es)(?![\p{L}])/iu;
const JOKE = w('jaja\\w*|jeje\\w*|mdr|ptdr|kkk+|haha\\w*|lol|xd');
const BASH = w('(?:la )?peor compañía|schlechteste firma|pire (?:entreprise|opérateur)|pior empresa|peggiore compagnia|slechtste bedrijf|najgorsza firma');

export interface TCueReading {
  category: TCategory;
  evidence?: string;
  sentiment: 'negative' | 'neutral' | 'positive';
  complaint: boolean;
  joke: boolean;
  verdict: boolean;
}

/** Topic, tone and intent from cue phrases for a post in one of CUE_LANGS. */
export function readCues(text: string): TCueReading {
  const joke = JOKE.test(text) || /😂|🤣/u.test(text);
  const verdict = BASH.test(text);
  const praise = PRAISE.exec(text);
  const negative = NEGATIVE.test(text);
  for (const [category, re] of TOPICS) {
    const m = re.exec(text);
    if (!m) continue;
    if (category === 'lead') return { category, evidence: m[0], sentiment: 'neutral', complaint: false, joke, verdict };
    if (praise && !negative) return { category: 'praise', evidence: praise[0], sentiment: 'positive', complaint: false, joke, verdict };
    return { category, evidence: m[0], sentiment: 'negative', complaint: true, joke, verdict };
  }
  if (verdict) return { category: 'other', sentiment: 'negative', complaint: false, joke, verdict };
  if (QUESTION.test(text)) return { category: 'question', sentiment: 'neutral', complaint: false, joke, verdict };
  if (praise) return { category: 'praise', evidence: praise[0], sentiment: 'positive', complaint: false, joke, verdict };
  return { category: 'other', sentiment: negative ? 'negative' : 'neutral', complaint: false, joke, verdict };
}
