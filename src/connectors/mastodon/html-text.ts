import { Parser } from 'htmlparser2';

/** Closing one of these ends a line; `</p>` ends a paragraph. */
const LINE_ENDS = new Set(['li', 'div', 'blockquote', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol']);

/**
 * Mastodon's `status.content` (sanitised HTML from any server in the fediverse, so still hostile) as plain text:
 * paragraphs and line breaks kept, every tag dropped, entities decoded exactly once by the full HTML5 table
 * (`&hellip;`, `&eacute;`, numeric ones, a bad code point as U+FFFD). htmlparser2's tokenizer is one forward state
 * machine, so crafted markup cannot stall the poller. A link's hidden parts (`<span class="invisible">https://`) are
 * kept, so the text carries the whole URL. The result is text for renderers to escape, never markup.
 */
export function htmlToText(html: string): string {
  let out = '';
  const parser = new Parser(
    {
      ontext: (text) => void (out += text),
      onopentag: (name) => {
        if (name === 'br') out += '\n';
      },
      onclosetag: (name, implied) => {
        // A void <br> is "closed" at once by the parser; it was counted when it opened.
        if (name === 'p') out += '\n\n';
        else if (LINE_ENDS.has(name) && !implied) out += '\n';
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return out.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}
