/**
 * Timing for `npm run bench`: every operation is measured beside the same work done with raw SQL
 * (better-sqlite3 prepared statements, or pg later) in the same run, interleaved iteration by
 * iteration so that both see the same machine load, and reported as median and p95 — means hide
 * the slow calls a user notices.
 */
export interface Measurement {
  operation: string;
  iterations: number;
  medianMs: number;
  p95Ms: number;
  /** The raw-SQL median of the same work, when the operation has one. */
  rawMedianMs: number | null;
  /** medianMs / rawMedianMs. */
  ratio: number | null;
  /** Free text for the reader: sizes, plans, what "raw" covered. */
  note?: string;
}

export interface CompareOptions {
  iterations?: number;
  warmup?: number;
  note?: string;
}

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

export function quantile(sortedMs: number[], q: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const index = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil(q * sortedMs.length) - 1));
  return sortedMs[index]!;
}

async function timeOnce(fn: () => unknown): Promise<number> {
  const started = nowMs();
  await fn();
  return nowMs() - started;
}

/** Runs `core` (and `raw`, interleaved) `iterations` times after `warmup` untimed rounds. */
export async function compare(operation: string, core: () => unknown, raw: (() => unknown) | null, options: CompareOptions = {}): Promise<Measurement> {
  const iterations = options.iterations ?? 200;
  const warmup = options.warmup ?? Math.min(20, iterations);
  for (let i = 0; i < warmup; i++) {
    await core();
    if (raw) await raw();
  }
  const coreTimes: number[] = [];
  const rawTimes: number[] = [];
  for (let i = 0; i < iterations; i++) {
    coreTimes.push(await timeOnce(core));
    if (raw) rawTimes.push(await timeOnce(raw));
  }
  coreTimes.sort((a, b) => a - b);
  rawTimes.sort((a, b) => a - b);
  const medianMs = quantile(coreTimes, 0.5);
  const rawMedianMs = raw ? quantile(rawTimes, 0.5) : null;
  return {
    operation,
    iterations,
    medianMs,
    p95Ms: quantile(coreTimes, 0.95),
    rawMedianMs,
    ratio: rawMedianMs ? medianMs / rawMedianMs : null,
    ...(options.note ? { note: options.note } : {}),
  };
}

/** A one-off measurement of long work (a backup, an import): a few runs, no raw twin. */
export async function once(operation: string, fn: () => unknown, runs = 1, note?: string): Promise<Measurement> {
  return compare(operation, fn, null, { iterations: runs, warmup: 0, ...(note ? { note } : {}) });
}

/**
 * Makes the `probe` call every `intervalMs` (default 100 ms) while `work` runs: how long do other
 * users wait behind it? The targets: p95 <= 20 ms while a backup or a sign-in runs; no call over
 * 50 ms while a punch file is imported.
 */
export async function probeWhile<T>(probe: () => Promise<unknown>, work: Promise<T>, intervalMs = 100): Promise<{ result: T; p95: number; max: number; probes: number }> {
  const latencies: number[] = [];
  let done = false;
  const probing = (async () => {
    while (!done) {
      latencies.push(await timeOnce(probe));
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  })();
  const result = await work.finally(() => (done = true));
  await probing;
  latencies.sort((a, b) => a - b);
  return { result, p95: quantile(latencies, 0.95), max: latencies.at(-1) ?? 0, probes: latencies.length };
}
