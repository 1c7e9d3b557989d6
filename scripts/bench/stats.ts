// Shared shapes and statistics of `npm run bench`.

/** One figure of the benchmark: the median of its runs, checked against its target (lower is better). */
export type Figure = {
  id: string;
  name: string;
  unit: 'ms' | 'bytes' | 'clicks' | 'KiB';
  median: number | null;
  p95: number | null;
  min: number | null;
  max: number | null;
  runs: number;
  target: number;
  /** null when the figure could not be measured (see error). */
  pass: boolean | null;
  /** How it was measured, in one sentence. */
  method: string;
  details?: Record<string, unknown>;
  error?: string;
};

export type Summary = { median: number; p95: number; min: number; max: number; runs: number };

export const round = (value: number, digits = 3): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/** Nearest-rank percentile of an already sorted list. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p) - 1))]!;
}

/** The median (mean of the two middle values for an even count), nearest-rank p95, min and max. */
export function summarize(values: readonly number[], digits = 3): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const median = n === 0 ? Number.NaN : n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  return {
    median: round(median, digits),
    p95: round(percentile(sorted, 0.95), digits),
    min: round(sorted[0] ?? Number.NaN, digits),
    max: round(sorted[n - 1] ?? Number.NaN, digits),
    runs: n,
  };
}

/** A figure from measured values (the median must be at or under the target). */
export function figure(
  base: Pick<Figure, 'id' | 'name' | 'unit' | 'target' | 'method'> & { details?: Record<string, unknown> },
  values: readonly number[],
  digits = 3,
): Figure {
  const summary = summarize(values, digits);
  return { ...base, ...summary, pass: Number.isFinite(summary.median) ? summary.median <= base.target : null };
}

/** A figure that could not be measured: it says why, and counts as neither pass nor miss. */
export function failedFigure(base: Pick<Figure, 'id' | 'name' | 'unit' | 'target' | 'method'>, error: unknown): Figure {
  const message = error instanceof Error ? error.message.split('\n').slice(0, 6).join('\n') : String(error);
  return { ...base, median: null, p95: null, min: null, max: null, runs: 0, pass: null, error: message };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
