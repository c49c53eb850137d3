// Wall-clock timing and the statistics reported: latencies in milliseconds from performance.now(),
// percentiles by nearest rank (no interpolation, so every reported value was really observed).

export async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

export interface LatencyStats {
  runs: number;
  p50_ms: number;
  p95_ms: number;
  mean_ms: number;
  max_ms: number;
}

function percentile(sortedAscending: readonly number[], p: number): number {
  if (sortedAscending.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sortedAscending.length);
  return sortedAscending[Math.min(sortedAscending.length, Math.max(1, rank)) - 1]!;
}

function latencyStats(samples: readonly number[]): LatencyStats {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return {
    runs: sorted.length,
    p50_ms: round(percentile(sorted, 50)),
    p95_ms: round(percentile(sorted, 95)),
    mean_ms: round(sorted.reduce((sum, ms) => sum + ms, 0) / Math.max(1, sorted.length)),
    max_ms: round(sorted[sorted.length - 1] ?? Number.NaN),
  };
}

/** Run `work` `warmup` times untimed (caches, plans, JIT), then `runs` times timed one by one. */
export async function measureLatency(work: () => Promise<unknown>, warmup: number, runs: number, checkpoint: () => void): Promise<LatencyStats> {
  for (let i = 0; i < warmup; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    checkpoint();
    samples.push(await timed(work));
  }
  return latencyStats(samples);
}
