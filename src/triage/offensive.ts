/** Offensive language (insults, profanity, slurs, threats). Learned from TweetEval offensive. */
import { binaryFromLogit, classifyBinary, type TBinaryResult } from './binary.js';
import type { TFeatures } from './features.js';
import { offensiveModel } from './models.js';

/** Offensive probability and verdict. */
export const detectOffensive = (f: TFeatures): TBinaryResult => classifyBinary(offensiveModel, f);
export const offensiveFromLogit = (z: number): TBinaryResult => binaryFromLogit(offensiveModel, z);
