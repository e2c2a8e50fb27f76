import { describe, expect, it } from 'vitest';
import { mergedLine as slackMergedLine } from '../../../src/bot/slack/blocks/incident-manage-buttons.js';
import { mergedLine as teamsMergedLine } from '../../../src/bot/teams/cards/incident-manage-actions.js';
import type { TIncidentView } from '../../../src/bot/views/incident-view.js';

const HOSTILE = 'Leeds <!channel> <@U07PRIYA01> [click](https://evil.example) **x** <https://evil.example|bank>';

const merged = (cards: NonNullable<TIncidentView['mergedInto']>['cards']) => ({ status: 'merged', mergedInto: { id: 'target', title: HOSTILE, cards } }) as unknown as TIncidentView;

describe('a merged incident card points at its target', () => {
  it('Slack: a permalink to the target card, its title escaped; without a Slack card, the title alone', () => {
    const line = slackMergedLine(merged([{ surface: 'teams', channel: '19:x', messageId: '1' }, { surface: 'slack', channel: 'C07NETOPS01', messageId: '1700000000.000100' }]));
    expect(line).toMatch(/^:twisted_rightwards_arrows: Merged into <https:\/\/slack\.com\/archives\/C07NETOPS01\/p1700000000000100\|Leeds &lt;!channel&gt; &lt;@U07PRIYA01&gt;/);
    expect(line).not.toContain('<!channel>');
    expect(line).not.toContain('<https://evil.example|');
    const bare = slackMergedLine(merged([]));
    expect(bare).toContain('*Leeds &lt;!channel&gt;');
    expect(bare).not.toContain('<https://');
  });

  it('Teams: a deep link to the target card, its title escaped for markdown', () => {
    const line = teamsMergedLine(merged([{ surface: 'teams', channel: '19:net@thread.tacv2', messageId: 'act-1' }]));
    expect(line).toContain('(https://teams.microsoft.com/l/message/19%3Anet%40thread.tacv2/act-1)');
    expect(line).not.toContain('[click](https://evil.example)');
    expect(line).not.toContain('**x**');
  });
});
