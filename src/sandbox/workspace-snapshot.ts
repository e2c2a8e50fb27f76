import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TLogger } from '../log.js';
import type { ChangeFeed } from './change-feed.js';
import type { PlatformOutbox, TOutboxEntry } from './platform-outbox.js';
import type { SlackWorkspace, TSlackMessage } from './slack/workspace.js';
import type { TeamsWorkspace, TTeamsMessage } from './teams/teams-workspace.js';

interface TSnapshot {
  version: 1;
  slack: TSlackMessage[];
  files: { id: string; name: string; title: string; contentType: string; bytes: string }[];
  teams: TTeamsMessage[];
  outbox: TOutboxEntry[];
}

/**
 * Keeps the sandbox's channels across restarts, in a JSON file beside the SQLite database: the cases outlive a
 * restart, so their cards must too, or every later update and thread notice would address a message that is gone.
 * Ephemeral messages and open modals are not kept (Slack drops them on reload too). Writes are debounced and
 * atomic (write, then rename).
 */
export function keepWorkspace(file: string, parts: { slack: SlackWorkspace; teams: TeamsWorkspace; outbox: PlatformOutbox; feed: ChangeFeed; log: TLogger }): { flush(): void } {
  try {
    const snap = JSON.parse(readFileSync(file, 'utf8')) as TSnapshot;
    if (snap.version === 1) {
      parts.slack.messages.push(...snap.slack);
      for (const f of snap.files) parts.slack.files.set(f.id, { ...f, bytes: Buffer.from(f.bytes, 'base64') });
      parts.teams.messages.push(...snap.teams);
      parts.outbox.entries.push(...snap.outbox);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') parts.log.warn('sandbox: could not read the saved workspace; starting with empty channels', { file, error: (err as Error).message });
  }
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const snap: TSnapshot = {
      version: 1,
      slack: parts.slack.messages,
      files: [...parts.slack.files.values()].filter((f) => f.bytes).map((f) => ({ id: f.id, name: f.name, title: f.title, contentType: f.contentType, bytes: f.bytes!.toString('base64') })),
      teams: parts.teams.messages,
      outbox: parts.outbox.entries,
    };
    try {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(`${file}.tmp`, JSON.stringify(snap));
      renameSync(`${file}.tmp`, file);
    } catch (err) {
      parts.log.warn('sandbox: could not save the workspace', { file, error: (err as Error).message });
    }
  };
  parts.feed.onChange(() => {
    timer ??= setTimeout(flush, 500);
    timer.unref();
  });
  return { flush };
}
