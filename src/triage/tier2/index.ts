/**
 * The second tier: sentence-encoder heads ensembled with the fast engine, for every mention that reaches a
 * person. `createRefiner` is the pipeline's entry point (worker threads, batches, graceful degradation).
 */
export { createRefiner, type TRefiner, type TRefineItem, type TRefinerOptions, type TRefinerStatus } from './refiner.js';
export { logTier2Status } from './tier2-status.js';
export { combine, needsSecondTier } from './combine.js';
export { createHeadScorer, type THeadScorer } from './scorer.js';
export { HEADS, type THeadScores, type THeadsFile } from './heads.js';
export { loadHeadsFile, parseHeadsFile, ZHeadsFile } from './heads-file.js';
