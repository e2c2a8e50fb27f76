import { runConnectorContract } from '../contract.js';
import { makeXHarness } from './x-harness.js';

runConnectorContract('x (Account Activity webhook)', () => makeXHarness('webhook'));
runConnectorContract('x (mentions poller)', () => makeXHarness('poll'));
