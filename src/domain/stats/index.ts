// The analysis statistics of PRODUCT.md §6, in one import for the modules that report them.
export { StatisticsInputError } from "./input.js";
export { rateWithInterval, rateRatio, comparePeriods, GARWOOD_METHOD, CONDITIONAL_METHOD } from "./rates.js";
export type { CountAndPopulation, RateEstimate, RateRatio, PeriodComparison, ChangeVerdict } from "./rates.js";
export { shareWithInterval, WILSON_METHOD } from "./share.js";
export type { ShareEstimate, UndefinedShare } from "./share.js";
export { compareSentences, DEFAULT_MINIMUM_N } from "./sentencing.js";
export type { SentenceOutcome, SentencingComparison, SentencingRefusal, SentencingGroupSummary } from "./sentencing.js";
export { mannWhitneyU } from "./mann-whitney.js";
export { quantile, QUANTILE_DEFINITION } from "./quantile.js";
export { conditionalPValue, holmAdjust, HOLM_METHOD } from "./multiple.js";
