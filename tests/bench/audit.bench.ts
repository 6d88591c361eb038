import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { createCore, type Core } from '../../electron/core/index.js';
import { TEST_COST } from '../../electron/core/modules/auth/passwords.js';
import { auditIntegrity } from '../../electron/core/kernel/audit.js';
import { TEST_AUDIT_KEY } from '../support/keys.js';

/**
 * The audit log on a long-lived department: 100,000 rows, then the cost of one more row and of
 * verifying the whole chain. Run with `npm run bench`. The medians are printed (vitest's own table
 * has no median): "append" is the time inside the transaction for one ctx.audit() (chain read,
 * hash, label, insert); "call" is a whole one-row mutation through the call queue, commit (fsync)
 * and the head checkpoint written after it included.
 */
const ROWS = 100_000;
const SAMPLES = 1000;

let core: Core;
let dir: string;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${value.toFixed(3)} ms`;

async function fill(rows: number): Promise<void> {
  const perTransaction = 1000;
  for (let done = 0; done < rows; done += perTransaction) {
    await core.runInternal('bench.fill', null, async (ctx) => {
      for (let i = 0; i < perTransaction; i++) {
        await ctx.audit({ entity: 'employee', recordId: null, action: 'update', before: { name: `员工${done + i}` }, after: { name: `员工${done + i}改` } });
      }
    });
  }
}

async function measureAppends(): Promise<{ append: number; call: number }> {
  const inside: number[] = [];
  const whole: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const started = performance.now();
    await core.runInternal('bench.append', null, async (ctx) => {
      const t0 = performance.now();
      await ctx.audit({ entity: 'department', recordId: null, action: 'update', before: { name: '运营部' }, after: { name: `运营部${i}` } });
      inside.push(performance.now() - t0);
    });
    whole.push(performance.now() - started);
  }
  return { append: median(inside), call: median(whole) };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdesk-bench-audit-'));
  // A fixed key: the benchmark measures the chain, not key storage.
  core = await createCore({ dataDir: dir, passwordCost: TEST_COST, log: () => {}, auditKey: TEST_AUDIT_KEY });
  const empty = await measureAppends();
  const started = performance.now();
  await fill(ROWS);
  console.log(`setup: ${ROWS} audit rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const full = await measureAppends();
  console.log(`append on an empty log: median ${ms(empty.append)} inside the transaction, ${ms(empty.call)} per call`);
  console.log(`append on a ${ROWS}-row log: median ${ms(full.append)} inside the transaction, ${ms(full.call)} per call`);
  const verifyTimes: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await core.runInternal('bench.verify', null, async (ctx) => {
      const result = await auditIntegrity(ctx.manager, ctx.services.auditChain);
      if (!result.ok) throw new Error(`chain does not verify: ${JSON.stringify(result)}`);
    }, { transaction: false });
    verifyTimes.push(performance.now() - t0);
  }
  console.log(`verify ${ROWS + 2 * SAMPLES} rows: median ${ms(median(verifyTimes))}`);
}, 600_000);

afterAll(async () => {
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('audit log (100,000 rows)', () => {
  bench('one audited mutation', async () => {
    await core.runInternal('bench.append', null, (ctx) => ctx.audit({ entity: 'department', recordId: null, action: 'update', after: { name: '运营部' } }));
  }, { iterations: 200 });
});
