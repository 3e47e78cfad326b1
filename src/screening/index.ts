/** Screening: the public API. */
export { buildIndexFromStore, type EntityMeta, entityFromRecord } from './index-builder.ts';
export { ScreeningIndex } from './matcher.ts';
export { type CompareResult, compare, type ScoreOutcome, score } from './score.ts';
export * from './types.ts';
