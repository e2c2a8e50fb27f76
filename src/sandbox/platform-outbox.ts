import type { TConnector } from '../connectors/connector.js';
import { GOOGLE_REVIEWS_PRIVATE_UNSUPPORTED } from '../connectors/google-reviews/google-reviews-connector.js';
import { YOUTUBE_PRIVATE_UNSUPPORTED } from '../connectors/youtube/youtube-connector.js';
import { TEXT_LIMITS, measureText, platformName } from '../connectors/text-limits.js';
import { PermanentError } from '../outbox/outbox-errors.js';
import { PLATFORMS, type TPlatform } from '../mention.js';
import type { ChangeFeed } from './change-feed.js';

/** One reply that would have gone to a social platform. */
export interface TOutboxEntry {
  id: string;
  platform: TPlatform;
  visibility: 'public' | 'private';
  inReplyTo: string;
  author: string;
  text: string;
  at: string;
}

/** Platforms without private messages, as their real connectors say. */
const NO_PRIVATE: Partial<Record<TPlatform, string>> = {
  youtube: YOUTUBE_PRIVATE_UNSUPPORTED,
  google_reviews: GOOGLE_REVIEWS_PRIVATE_UNSUPPORTED,
  generic: 'The sandbox\'s generic source has no private messages; follow up by email or phone.',
};

/**
 * The sandbox's stand-in for every social platform Earshot is not connected to: replies and private messages land
 * in a list the page shows ("sandbox outbox") and never leave the machine. Length limits are the platforms' own,
 * so a reply too long for X is refused here as X would.
 */
export class PlatformOutbox {
  readonly entries: TOutboxEntry[] = [];
  private seq = 0;

  constructor(private readonly feed: ChangeFeed, private readonly now: () => Date) {}

  /** One connector per platform not already connected for real. */
  connectors(except: ReadonlySet<TPlatform>): TConnector[] {
    return PLATFORMS.filter((p) => !except.has(p)).map((p) => this.connector(p));
  }

  private connector(platform: TPlatform): TConnector {
    const record = (visibility: 'public' | 'private') => async (target: { inReplyTo: string; author: { handle: string } }, text: string) => {
      const { max, unit } = TEXT_LIMITS[platform];
      if (measureText(text, unit) > max) throw new PermanentError(`${platformName(platform)} allows ${max} ${unit}; the reply is longer.`);
      const id = `sandbox-${platform}-${++this.seq}`;
      this.entries.push({ id, platform, visibility, inReplyTo: target.inReplyTo, author: target.author.handle, text, at: this.now().toISOString() });
      this.feed.changed();
      return { externalId: id, url: null };
    };
    const noPrivate = NO_PRIVATE[platform];
    return {
      id: platform,
      rateLimit: { perSecond: 5, burst: 10 },
      reply: record('public'),
      ...(noPrivate ? { privateUnsupported: noPrivate } : { sendPrivate: record('private') }),
    };
  }
}
