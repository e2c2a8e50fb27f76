import { describe } from 'vitest';
import { slackTransportContract } from './transport-contract.js';

describe('Slack over HTTP (signed requests to /slack/events)', () => slackTransportContract('http'));
