import { CHAT_COMMAND_HELP, CHAT_SUBCOMMANDS } from '../../views/chat-command.js';

/** The one help text: shown for `/social help`, an unknown subcommand and bad arguments. */
export const SOCIAL_USAGE = [
  '*Earshot* — social mentions, handled from Slack',
  ...CHAT_SUBCOMMANDS.map((s) => `• \`/social ${CHAT_COMMAND_HELP[s].usage}\` — ${CHAT_COMMAND_HELP[s].does}`),
].join('\n');
