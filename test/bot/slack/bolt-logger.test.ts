import { LogLevel } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { boltLogger } from '../../../src/bot/slack/bolt-logger.js';
import { createMemoryLogger } from '../../../src/log.js';

describe("Bolt's logger on ours", () => {
  it('turns Bolt varargs into one JSON line marked as coming from Slack, an Error as its message, secrets blanked', () => {
    const log = createMemoryLogger('debug', ['xoxb-0123456789-secret']);
    const bolt = boltLogger(log);
    bolt.error('An unhandled error occurred while Bolt processed an event', new Error('token xoxb-0123456789-secret revoked\n    at App.ts:1'));
    bolt.warn('retrying', { attempt: 2 });
    bolt.debug('hidden at INFO');
    bolt.setLevel(LogLevel.DEBUG);
    bolt.debug('shown at DEBUG');
    expect(log.lines.map((l) => [l.level, l.msg, l.source])).toEqual([
      ['error', 'An unhandled error occurred while Bolt processed an event token [redacted] revoked\n    at App.ts:1', 'slack'],
      ['warn', 'retrying {"attempt":2}', 'slack'],
      ['debug', 'shown at DEBUG', 'slack'],
    ]);
  });
});
