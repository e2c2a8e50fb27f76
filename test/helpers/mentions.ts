import type { TMention } from '../../src/mention.js';

let seq = 0;

/** A canonical mention with sensible defaults; override what the test is about. */
export type TMentionOverrides = Partial<Omit<TMention, 'author'>> & { author?: Partial<TMention['author']> };

export function mention(overrides: TMentionOverrides = {}): TMention {
  seq += 1;
  const { author, ...rest } = overrides;
  return {
    platform: 'x',
    externalId: `m-${Date.now()}-${seq}`,
    text: '@acmebroadband my internet has been down since this morning, nobody is answering the phone',
    createdAt: '2026-11-23T09:55:00.000Z',
    url: `https://x.com/jane/status/${seq}`,
    ...rest,
    author: { handle: 'jane_doe', displayName: 'Jane Doe', followers: 1200, ...author },
  };
}
