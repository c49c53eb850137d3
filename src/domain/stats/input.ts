// Guards for the numbers the statistics receive. A rate built on a negative count or an empty
// population is not a small error but a wrong answer, so the analysis refuses instead of guessing.

export class StatisticsInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StatisticsInputError";
  }
}

export function requireCount(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new StatisticsInputError(`${what} must be a whole number of zero or more, got ${value}.`);
  }
}

export function requirePositive(value: number, what: string): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw new StatisticsInputError(`${what} must be a number greater than zero, got ${value}.`);
  }
}

export function requireConfidence(confidence: number): void {
  if (!Number.isFinite(confidence) || confidence <= 0 || confidence >= 1) {
    throw new StatisticsInputError(`the confidence level must lie strictly between 0 and 1, got ${confidence}.`);
  }
}

export function requireProbability(p: number, what: string): void {
  if (!(p >= 0 && p <= 1)) throw new StatisticsInputError(`${what} must lie between 0 and 1, got ${p}.`);
}
