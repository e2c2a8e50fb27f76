import type { TCommand } from '../command.js';

export const eraseAuthorCommand: TCommand = {
  name: 'erase-author',
  synopsis: 'erase-author <platform> <handle>',
  summary: "Erase a person's data (profile, posts, replies to them); counts are kept",
  usage: `Usage: earshot erase-author <platform> <handle>

Rewrites the author's profile, their posts, replies to them and text quoting them on their cases in one
transaction; rows and counts stay (anonymous) and each card is refreshed. Exit 0 erased, 1 not found, 2 bad
arguments. Platforms: x, facebook, instagram, reddit, youtube, google_reviews, bluesky, mastodon, generic.`,
  positionals: { min: 2, max: 2 },
  async run({ positionals }, io) {
    const { runEraseAuthorCommand } = await import('../../jobs/erase-author-command.js');
    return runEraseAuthorCommand(positionals, { out: io.out, err: io.err, env: io.env });
  },
};
