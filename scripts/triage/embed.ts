/**
 * Fills the embedding cache for every labelled text training reads, so train.ts finds them there.
 *   npx tsx scripts/triage/embed.ts [shard/shards]     e.g. run "0/2" and "1/2" side by side on two cores
 * train.ts embeds whatever is missing by itself; this only lets the work be split across processes.
 */
import { ENCODER_VERSION, loadEncoder } from '../../src/triage/encoder/index.js';
import { openEmbeddingCache } from './embedding-cache.js';
import { allTrainingTexts } from './data.js';

const [shard, shards] = (process.argv[2] ?? '0/1').split('/').map(Number) as [number, number];
const texts = allTrainingTexts().filter((_, i) => i % shards === shard);
const cache = openEmbeddingCache(ENCODER_VERSION, `shard${shard}of${shards}-${process.pid}`);
console.log(`shard ${shard}/${shards}: ${texts.length} texts, cache holds ${cache.size()}`);
await cache.embedAll(texts, loadEncoder, (m) => console.log(m));
console.log('done');
