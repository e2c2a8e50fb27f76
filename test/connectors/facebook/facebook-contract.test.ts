import { runConnectorContract } from '../contract.js';
import { makeFacebookHarness } from './facebook-harness.js';

runConnectorContract('facebook (Page feed webhook)', makeFacebookHarness);
