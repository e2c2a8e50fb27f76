import { runConnectorContract } from '../contract.js';
import { makeInstagramHarness } from './instagram-harness.js';

runConnectorContract('instagram (comments webhook)', makeInstagramHarness);
