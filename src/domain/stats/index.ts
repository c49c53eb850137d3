// The analysis statistics of PRODUCT.md §6, in one import for the modules that report them.
export { rateWithInterval, rateRatio, GARWOOD_METHOD, CONDITIONAL_METHOD } from "./rates.js";
export type { RateEstimate } from "./rates.js";
export { shareWithInterval, WILSON_METHOD } from "./share.js";
export type { ShareEstimate, UndefinedShare } from "./share.js";
export { conditionalPValue, holmAdjust, HOLM_METHOD } from "./multiple.js";
