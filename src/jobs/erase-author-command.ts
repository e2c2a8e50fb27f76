import { loadEnv } from '../config/env.js';
import { AppError } from '../errors.js';
import { PLATFORMS, ZPlatform } from '../mention.js';
import { openDatabase } from '../store/client.js';
import { eraseAuthor } from './erase-author.js';

export const ERASE_USAGE = 'Usage: earshot erase-author <platform> <handle>';

/**
 * `earshot erase-author <platform> <handle>`: exit 0 when erased, 1 when no such author is stored,
 * 2 on a usage error. Output names counts only, never the erased data.
 */
export async function runEraseAuthorCommand(
  args: string[],
  io: { out: (line: string) => void; err: (line: string) => void; env?: NodeJS.ProcessEnv; now?: () => Date },
): Promise<number> {
  const [platform, handle, ...extra] = args;
  if (!platform || !handle || extra.length) {
    io.err(`earshot: erase-author needs a platform and a handle\n${ERASE_USAGE}`);
    return 2;
  }
  const p = ZPlatform.safeParse(platform);
  if (!p.success) {
    io.err(`earshot: unknown platform "${platform}"; one of: ${PLATFORMS.join(', ')}`);
    return 2;
  }
  const env = loadEnv(io.env);
  // No migration here: this runs beside a live Earshot, whose database is current, and must not take its locks.
  const db = await openDatabase(env.DATABASE_URL);
  try {
    const r = await eraseAuthor(db, { platform: p.data, handle, now: (io.now ?? (() => new Date()))(), actor: 'earshot-cli' });
    io.out(
      `erased ${p.data} author "${handle.replace(/^@/, '')}" (now ${r.aliases.join(', ')}): ` +
        `${r.mentions} mention(s), ${r.replies} reply text(s) and ${r.events} audit entr${r.events === 1 ? 'y' : 'ies'} on ${r.cases} case(s) rewritten; ` +
        `${r.mentionsNaming} other mention(s) naming them rewritten; ${r.aiDrafts} AI draft(s) erased. Counts are kept.`,
    );
    return 0;
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') {
      io.err(`earshot: ${err.message}`);
      return 1;
    }
    if (/no such table|TableDoesNotExist|P2021/.test(`${(err as Error).message} ${(err as { code?: string }).code ?? ''}`)) {
      io.err('earshot: the database has no Earshot tables yet; run `earshot migrate` (or `earshot start`) first.');
      return 1;
    }
    throw err;
  } finally {
    await db.$disconnect();
  }
}
