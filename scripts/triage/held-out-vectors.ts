/**
 * The sentence vectors of every held-out row (the test split the quality checks measure on), committed in
 * test/fixtures/triage so the tests that check held-out quality need not embed ~4,500 texts when the
 * embedding cache is empty (minutes of CPU on a fresh clone). Each vector is stored as int16 with its own
 * scale: the held-out figures come out as from the float vectors (int8 moved complaint macro-F1 by 0.003);
 * tier2.test.ts compares a sample with the live encoder, so a changed encoder or text preparation cannot
 * hide behind the file.
 *   npx tsx scripts/triage/held-out-vectors.ts      rewrites the file from the cache (embedding what is missing)
 * File: "EHV1", u32 count, u32 dim, the encoder version (u16 length + utf8), then per vector
 * [20-byte sha1 of the prepared text | f32 scale | dim × i16 LE], sorted by hash.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { ENCODER_DIM, ENCODER_VERSION, prepareForEncoder } from '../../src/triage/encoder/index.js';
import { heldOutRows, vectorsFor, type TVectorSource } from './heads-training.js';
import { TASKS } from './tasks.js';

export const HELD_OUT_VECTORS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/triage/held-out-vectors.bin');
const MAGIC = 'EHV2';
const STEPS = 32767;

const keyOf = (text: string): string => createHash('sha1').update(prepareForEncoder(text)).digest('hex');

/** Every distinct held-out text, in a fixed order. */
export const heldOutTexts = (): string[] => [...new Set(TASKS.flatMap((t) => heldOutRows(t.task).map((r) => r.text)))];

export function writeHeldOutVectors(texts: readonly string[], vecs: readonly Float32Array[], file = HELD_OUT_VECTORS): number {
  const byKey = new Map<string, Float32Array>();
  texts.forEach((t, i) => byKey.set(keyOf(t), vecs[i]!));
  const keys = [...byKey.keys()].sort();
  const version = Buffer.from(ENCODER_VERSION, 'utf8');
  const head = Buffer.alloc(4 + 4 + 4 + 2 + version.length);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(keys.length, 4);
  head.writeUInt32LE(ENCODER_DIM, 8);
  head.writeUInt16LE(version.length, 12);
  version.copy(head, 14);
  const rec = 20 + 4 + 2 * ENCODER_DIM;
  const body = Buffer.alloc(keys.length * rec);
  keys.forEach((k, i) => {
    const v = byKey.get(k)!;
    const at = i * rec;
    Buffer.from(k, 'hex').copy(body, at);
    let max = 0;
    for (const x of v) max = Math.max(max, Math.abs(x));
    const scale = max / STEPS || 1;
    body.writeFloatLE(scale, at + 20);
    for (let d = 0; d < ENCODER_DIM; d++) body.writeInt16LE(Math.round(v[d]! / scale), at + 24 + 2 * d);
  });
  writeFileSync(file, Buffer.concat([head, body]));
  return keys.length;
}

/** Reads the file; throws if it was made for another encoder (then rerun this script). */
export function readHeldOutVectors(file = HELD_OUT_VECTORS): Map<string, Float32Array> {
  const buf = readFileSync(file);
  if (buf.toString('latin1', 0, 4) !== MAGIC) throw new Error(`${file}: not a held-out vector file`);
  const n = buf.readUInt32LE(4);
  const dim = buf.readUInt32LE(8);
  const vlen = buf.readUInt16LE(12);
  const version = buf.toString('utf8', 14, 14 + vlen);
  if (version !== ENCODER_VERSION || dim !== ENCODER_DIM) throw new Error(`${file} holds vectors of "${version}" (${dim}-d), not "${ENCODER_VERSION}": rerun scripts/triage/held-out-vectors.ts`);
  const rec = 20 + 4 + 2 * dim;
  const out = new Map<string, Float32Array>();
  for (let i = 0, at = 14 + vlen; i < n; i++, at += rec) {
    const scale = buf.readFloatLE(at + 20);
    const v = new Float32Array(dim);
    for (let d = 0; d < dim; d++) v[d] = buf.readInt16LE(at + 24 + 2 * d) * scale;
    out.set(buf.toString('hex', at, at + 20), v);
  }
  return out;
}

/** A vector source serving held-out texts from the file and anything else from `fallback` (the cache). */
export function heldOutVectorSource(fallback: TVectorSource = vectorsFor, file = HELD_OUT_VECTORS): TVectorSource & { misses: () => number } {
  const stored = readHeldOutVectors(file);
  let misses = 0;
  const source = async (texts: readonly string[]): Promise<Float32Array[]> => {
    const keys = texts.map(keyOf);
    const missing = texts.filter((_, i) => !stored.has(keys[i]!));
    misses += missing.length;
    const extra = missing.length ? await fallback(missing) : [];
    let j = 0;
    return keys.map((k) => stored.get(k) ?? extra[j++]!);
  };
  return Object.assign(source, { misses: () => misses });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const texts = heldOutTexts();
  const n = writeHeldOutVectors(texts, await vectorsFor(texts, (m) => console.log(m)));
  console.log(`wrote ${n} vectors to ${path.relative(process.cwd(), HELD_OUT_VECTORS)}`);
}
