import fs from 'node:fs';
import type { Measurement } from './measure.js';

/**
 * What `npm run bench` prints: one line per operation (median, p95, raw median, ratio), grouped by
 * suite, and with `--json FILE` (scripts/bench.mjs) the same figures appended as JSON lines so two
 * runs can be compared.
 */
const fmt = (ms: number | null) => (ms === null ? '-' : ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));

export class BenchReport {
  private readonly rows: Measurement[] = [];

  constructor(private readonly suite: string, private readonly context: Record<string, unknown> = {}) {}

  add(m: Measurement): Measurement {
    this.rows.push(m);
    const ratio = m.ratio === null ? '' : `  ratio ${m.ratio.toFixed(2)}x`;
    const raw = m.rawMedianMs === null ? '' : `  raw ${fmt(m.rawMedianMs)} ms`;
    console.log(`[${this.suite}] ${m.operation}: median ${fmt(m.medianMs)} ms  p95 ${fmt(m.p95Ms)} ms${raw}${ratio}  (n=${m.iterations})${m.note ? `  ${m.note}` : ''}`);
    return m;
  }

  note(text: string): void {
    console.log(`[${this.suite}] ${text}`);
  }

  /** Prints the suite's table and appends it to the JSON file named by OPSDESK_BENCH_JSON. */
  finish(): void {
    const lines = [
      `\n${this.suite}`,
      '| operation | median ms | p95 ms | raw median ms | ratio |',
      '| --- | --- | --- | --- | --- |',
      ...this.rows.map((m) => `| ${m.operation} | ${fmt(m.medianMs)} | ${fmt(m.p95Ms)} | ${fmt(m.rawMedianMs)} | ${m.ratio === null ? '-' : `${m.ratio.toFixed(2)}x`} |`),
    ];
    console.log(lines.join('\n'));
    const file = process.env.OPSDESK_BENCH_JSON;
    if (file) fs.appendFileSync(file, `${JSON.stringify({ suite: this.suite, context: this.context, at: new Date().toISOString(), rows: this.rows })}\n`);
  }
}
