// Shared shapes and statistics of `npm run bench`.

/** One figure of the benchmark: the median of its runs, checked against its target (lower is better). */
export type Figure = {
  id: string;
  /** The figure's number in issue 15's list (1–8); the Outlook add-in's figures (issue 22.8) take the number they stand beside. */
  number: string;
  name: string;
  unit: 'ms' | 'bytes' | 'clicks' | 'KiB';
  median: number | null;
  p95: number | null;
  min: number | null;
  max: number | null;
  runs: number;
  /** null: shown for comparison only (the 7-Zip process), no pass or miss. */
  target: number | null;
  /** The target as the table prints it, when it is more than "≤ target". */
  targetText?: string;
  /** null when the figure could not be measured (see error) or has no target. */
  pass: boolean | null;
  /** How it was measured, in a few sentences. */
  method: string;
  details?: Record<string, unknown>;
  error?: string;
};

export type FigureBase = Pick<Figure, 'id' | 'number' | 'name' | 'unit' | 'target' | 'method'> & { targetText?: string; details?: Record<string, unknown> };

export type Summary = { median: number; p95: number; min: number; max: number; runs: number };

export const round = (value: number, digits = 3): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/** Nearest-rank percentile of an already sorted list. */
function percentile(sorted: readonly number[], p: number): number {
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
export function figure(base: FigureBase, values: readonly number[], digits = 3): Figure {
  const summary = summarize(values, digits);
  const pass = base.target === null || !Number.isFinite(summary.median) ? null : summary.median <= base.target;
  return { ...base, ...summary, pass };
}

/** A figure that could not be measured: it says why, and counts as neither pass nor miss. */
export function failedFigure(base: FigureBase, error: unknown): Figure {
  const message = error instanceof Error ? error.message.split('\n').slice(0, 6).join('\n') : String(error);
  return { ...base, median: null, p95: null, min: null, max: null, runs: 0, pass: null, error: message };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `work`; an error becomes the value (so one figure's failure does not stop the others). */
export async function attempt<T>(work: () => Promise<T>): Promise<T | Error> {
  try {
    return await work();
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
