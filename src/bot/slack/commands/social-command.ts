import type { App } from '@slack/bolt';
import { memberIdForSlackUser, userMessage, type TSlackDeps } from '../slack-deps.js';
import { queueAnswer } from './queue.js';
import { routeAnswer } from './route.js';
import { statsAnswer } from './stats.js';
import { parseChatCommand } from '../../views/chat-command.js';
import { escapeMrkdwn } from '../mrkdwn.js';
import { SOCIAL_USAGE } from './usage.js';
import { whoisAnswer } from './whois.js';

/**
 * `/social`. Quick answers go back in the ack itself; stats can be heavy, so the ack says it is coming and
 * the answer follows through `response_url` (Slack allows 5 posts there within 30 minutes).
 */
export function registerSocialCommand(app: App, deps: TSlackDeps): void {
  app.command('/social', async ({ ack, command, respond }) => {
    const parsed = parseChatCommand(command.text ?? '');
    const reply = (text: string) => ack({ response_type: 'ephemeral', text });
    if (!parsed.ok) return reply(`I don't know \`${escapeMrkdwn(parsed.word)}\`.\n\n${SOCIAL_USAGE}`);
    try {
      switch (parsed.sub) {
        case 'help':
          return await reply(SOCIAL_USAGE);
        case 'route':
          return await reply(routeAnswer(deps, parsed.rest));
        case 'whois':
          return await reply(await whoisAnswer(deps, parsed.rest));
        case 'queue':
          return await reply(await queueAnswer(deps, memberIdForSlackUser(deps.orgChart, command.user_id)));
        case 'stats': {
          await reply(':hourglass_flowing_sand: Crunching the numbers…');
          const answer = await statsAnswer(deps, parsed.args, command.user_id).catch((err: unknown) => ({ text: userMessage(err, deps.log, { command: 'stats' }) }));
          await respond({ response_type: 'ephemeral', replace_original: true, ...answer });
          return;
        }
      }
    } catch (err) {
      await reply(userMessage(err, deps.log, { command: parsed.sub }));
    }
  });
}
