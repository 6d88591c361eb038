import { describe, expect, it } from 'vitest';
import { serialGate } from '../../electron/core/kernel/gate.js';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('the connection gate (kernel/gate.ts)', () => {
  it('runs calls one at a time, in order', async () => {
    const gate = serialGate();
    const log: string[] = [];
    const call = (name: string) => gate.run(async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
    });
    await Promise.all([call('a'), call('b'), call('c')]);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('lends the connection out while a call does long work without the database', async () => {
    const gate = serialGate();
    const log: string[] = [];
    let finishLongWork!: () => void;
    const long = gate.run(async (lease) => {
      log.push('long: before');
      await lease.unlocked(() => new Promise<void>((r) => (finishLongWork = r)));
      log.push('long: after');
    });
    await tick();
    await gate.run(async () => void log.push('short'));
    finishLongWork();
    await long;
    expect(log).toEqual(['long: before', 'short', 'long: after']);
  });

  it('exclusive() waits for calls in flight (also in their unlocked part) and holds new ones back', async () => {
    const gate = serialGate();
    const log: string[] = [];
    let finishOther!: () => void;
    const other = gate.run(async (lease) => {
      await lease.unlocked(() => new Promise<void>((r) => (finishOther = r)));
      log.push('other done');
    });
    await tick();
    const restore = gate.run((lease) => lease.exclusive(async () => void log.push('swap')));
    await tick();
    const later = gate.run(async () => void log.push('later'));
    await tick();
    expect(log).toEqual([]);
    finishOther();
    await Promise.all([other, restore, later]);
    expect(log).toEqual(['other done', 'swap', 'later']);
  });

  it('drain() resolves once nothing is in flight', async () => {
    const gate = serialGate();
    let done = false;
    void gate.run(async (lease) => {
      await lease.unlocked(tick);
      done = true;
    });
    await gate.drain();
    expect(done).toBe(true);
    await gate.drain();
  });
});
