import { describe, expect, it } from 'vitest';

// The page's modules are plain browser JavaScript (type-checked by tsconfig.web.json); their pure parts run here.
type TNode = { t: string; v?: string; c?: TNode[]; href?: string | null; id?: string; ts?: number; format?: string; fallback?: string };
const mrkdwn = (await import(`../../src/sandbox/web/${'mrkdwn.js'}`)) as {
  parseMrkdwn(text: string): TNode[];
  formatSlackDate(ts: number, format: string, now?: Date): string;
};
const card = (await import(`../../src/sandbox/web/${'card-markdown.js'}`)) as { cardMarkdownToHtml(text: string): string };

const text = (nodes: TNode[]): string => nodes.map((n) => (n.t === 'text' ? n.v : n.c ? text(n.c) : n.t === 'br' ? '\n' : (n.v ?? ''))).join('');

describe('Slack mrkdwn as the sandbox page parses it', () => {
  it('shows escaped user text literally: entities decode once and never open a control sequence', () => {
    const nodes = mrkdwn.parseMrkdwn('&lt;!channel&gt; &amp;lt; &lt;script&gt;alert(1)&lt;/script&gt; &lt;http://evil|bank&gt;');
    expect(nodes.every((n) => n.t === 'text')).toBe(true);
    expect(text(nodes)).toBe('<!channel> &lt; <script>alert(1)</script> <http://evil|bank>');
  });

  it('parses the control sequences apps write: mentions, channels, specials, dates and labelled links', () => {
    const nodes = mrkdwn.parseMrkdwn('<@U07PRIYA01> in <#C07SOCIAL01> <!here> due <!date^1764590400^{date_num}|2025-12-01 12:00 UTC> <https://x.com/a/status/1|View post>');
    expect(nodes.filter((n) => n.t !== 'text').map((n) => n.t)).toEqual(['user', 'channel', 'special', 'date', 'link']);
    expect(nodes.find((n) => n.t === 'link')).toMatchObject({ href: 'https://x.com/a/status/1' });
    expect(mrkdwn.formatSlackDate(1764590400, '{date_num}')).toMatch(/^2025-12-0[12]$/);
  });

  it('follows only web and mail links; a javascript: URL stays text', () => {
    const [link] = mrkdwn.parseMrkdwn('<javascript:alert(1)|click me>');
    expect(link).toMatchObject({ t: 'link', href: null });
  });

  it('needs word boundaries for marks, as Slack does, and keeps code literal', () => {
    expect(mrkdwn.parseMrkdwn('*P1* · a*b*c')[0]).toMatchObject({ t: 'b' });
    expect(text(mrkdwn.parseMrkdwn('a*b*c'))).toBe('a*b*c');
    expect(mrkdwn.parseMrkdwn('`*not bold*`')[0]).toMatchObject({ t: 'code', v: '*not bold*' });
  });

  it('quotes lines starting with ">" (an escaped &gt; is text), and turns known shortcodes into emoji', () => {
    const nodes = mrkdwn.parseMrkdwn('>quoted\n&gt; not quoted :white_check_mark: :not_an_emoji:');
    expect(nodes[0]).toMatchObject({ t: 'quote' });
    expect(text(nodes)).toContain('> not quoted ✅ :not_an_emoji:');
  });
});

describe('Adaptive Card markdown as the sandbox page renders it', () => {
  it('escapes every character before adding its own tags, so card text can never become markup', () => {
    const html = card.cardMarkdownToHtml('**Jane** <img src=x onerror=alert(1)> "quoted" [site](javascript:alert(1)) [ok](https://acme.example/a?b=1&c=2)');
    expect(html).toContain('<strong>Jane</strong>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot;');
    expect(html).not.toMatch(/<img|href="javascript/);
    expect(html).toContain('<a href="https://acme.example/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">ok</a>');
  });

  it('honours the bot\'s backslash escapes and shows its own <at> mentions as names', () => {
    expect(card.cardMarkdownToHtml('\\*not emphasis\\* \\[not a link\\](https://x)')).toBe('*not emphasis* [not a link](https://x)');
    expect(card.cardMarkdownToHtml('Claimed by <at>Tom Okafor</at>')).toBe('Claimed by <span class="mrk-mention">Tom Okafor</span>');
    // What a user typed arrives with its "<" broken by the bot (escapeCardMarkdown), so it is no mention.
    expect(card.cardMarkdownToHtml('<\u200Bat>Boss</at>')).not.toContain('mrk-mention');
  });
});
