/**
 * A disk cache of sentence vectors for training (never read at run time): embedding the ~85k labelled
 * texts costs minutes of CPU, so each vector is stored once under the hash of its prepared text and the
 * encoder version, and retraining reads them back in seconds. Gitignored (.cache/triage/).
 *
 * Files are append-only records [20-byte sha1 | 512 float32]; several processes may fill the cache at
 * once because each writes its own file, and every file in the version's folder is read back.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { ENCODER_DIM, prepareForEncoder, type TEncoder } from '../../src/triage/encoder/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RECORD = 20 + ENCODER_DIM * 4;

const keyOf = (text: string): string => createHash('sha1').update(prepareForEncoder(text)).digest('hex');

export interface TEmbeddingCache {
  get(text: string): Float32Array | undefined;
  /** Vectors for every text, embedding (and storing) the missing ones in batches. */
  embedAll(texts: readonly string[], encoder: () => Promise<TEncoder>, log?: (msg: string) => void): Promise<Float32Array[]>;
  size(): number;
}

export function openEmbeddingCache(version: string, writer = `w${process.pid}`): TEmbeddingCache {
  const dir = path.join(root, '.cache/triage', version.replace(/[^\w.-]+/g, '_'));
  mkdirSync(dir, { recursive: true });
  const map = new Map<string, Float32Array>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.bin')).sort()) {
    const buf = readFileSync(path.join(dir, f));
    // A record cut short by an interrupted run is ignored; the text is embedded again.
    for (let at = 0; at + RECORD <= buf.length; at += RECORD) {
      const key = buf.subarray(at, at + 20).toString('hex');
      const vec = new Float32Array(buf.buffer.slice(buf.byteOffset + at + 20, buf.byteOffset + at + RECORD));
      map.set(key, vec);
    }
  }
  const file = path.join(dir, `${writer}.bin`);
  return {
    get: (text) => map.get(keyOf(text)),
    size: () => map.size,
    async embedAll(texts, encoder, log) {
      const keys = texts.map(keyOf);
      const missing = [...new Set(keys.filter((k, i) => !map.has(k) && keys.indexOf(k) === i))];
      const byKey = new Map<string, string>();
      texts.forEach((t, i) => byKey.set(keys[i]!, t));
      if (missing.length > 0) {
        const enc = await encoder();
        const t0 = Date.now();
        for (let i = 0; i < missing.length; i += 512) {
          const chunk = missing.slice(i, i + 512);
          const vecs = await enc.embed(chunk.map((k) => byKey.get(k)!));
          const parts: Buffer[] = [];
          chunk.forEach((k, j) => {
            map.set(k, vecs[j]!);
            parts.push(Buffer.from(k, 'hex'), Buffer.from(vecs[j]!.buffer, vecs[j]!.byteOffset, vecs[j]!.byteLength));
          });
          if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
          appendFileSync(file, Buffer.concat(parts));
          log?.(`  embedded ${Math.min(i + 512, missing.length)}/${missing.length} (${((Date.now() - t0) / (i + chunk.length)).toFixed(1)} ms/text)`);
        }
      }
      return keys.map((k) => map.get(k)!);
    },
  };
}
