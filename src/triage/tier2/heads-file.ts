/**
 * Reading a heads file other than the committed one: what `earshot train --with-corrections` writes
 * (DIR/heads.json) and TRIAGE_HEADS_FILE points the server at. Checked whole at start-up, so a truncated,
 * hand-edited or other-encoder file stops the process with a message naming the file and the field, instead
 * of every worker failing later and the cards quietly saying "fast engine alone".
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError, formatPath } from '../../config/config-error.js';
import { ENCODER_DIM, ENCODER_VERSION } from '../encoder/index.js';
import type { THeadsFile } from './heads.js';

const ZWeight = z.number().finite();
const ZRow = z.array(ZWeight).length(ENCODER_DIM, `must hold ${ENCODER_DIM} weights (one per encoder dimension)`);

const ZBinaryHead = z.object({
  classes: z.tuple([z.literal('true')]),
  w: z.array(ZRow).length(1, 'a yes/no head has one weight row'),
  b: z.array(ZWeight).length(1),
  weight: z.number().min(0).max(1),
  threshold: z.number().gt(0).lt(1),
});

const ZSentimentHead = z.object({
  classes: z.tuple([z.literal('negative'), z.literal('neutral'), z.literal('positive')]),
  w: z.array(ZRow).length(3, 'the sentiment head has three weight rows'),
  b: z.array(ZWeight).length(3),
  weight: z.number().min(0).max(1),
  offsets: z.tuple([ZWeight, ZWeight, ZWeight]),
});

export const ZHeadsFile = z.object({
  encoder: z.literal(ENCODER_VERSION, { message: `trained for another encoder; this build runs "${ENCODER_VERSION}" (retrain with earshot train --with-corrections)` }),
  tasks: z.object({ sentiment: ZSentimentHead, complaint: ZBinaryHead, offensive: ZBinaryHead, irony: ZBinaryHead }),
  meta: z.record(z.string(), z.unknown()).optional(),
});

/** Validates parsed JSON as a heads file; `source` names it in the error. */
export function parseHeadsFile(json: unknown, source: string): THeadsFile {
  const parsed = ZHeadsFile.safeParse(json);
  if (parsed.success) return parsed.data;
  // One line per field, at most a few: a wrong-length row would otherwise repeat for every row.
  const problems = [...new Set(parsed.error.issues.map((i) => `${source}: ${formatPath(i.path)}: ${i.message}`))].slice(0, 8);
  throw new ConfigError(source, problems);
}

/**
 * Reads and validates a heads file. `namedBy` is the setting that named it (TRIAGE_HEADS_FILE), so an unreadable
 * path sends the operator to that setting.
 * @example const heads = loadHeadsFile('data/triage-model/heads.json');
 */
export function loadHeadsFile(file: string, namedBy = 'TRIAGE_HEADS_FILE'): THeadsFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(namedBy, [`${namedBy}=${file}: cannot read it (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code ?? String(err)})`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(file, [`${file}: not JSON (${err instanceof Error ? err.message : String(err)}); earshot train --with-corrections writes this file`]);
  }
  return parseHeadsFile(json, file);
}
