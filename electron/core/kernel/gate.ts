import { AppError } from './errors.js';

/**
 * Who may use the database connection now.
 *
 * SQLite: the core has one better-sqlite3 connection, so a call holds it while it runs statements
 * (a transaction open on the connection would otherwise take in another call's statements). Long
 * work that needs no database — scrypt, a worker job parsing a spreadsheet or packing a backup —
 * runs in `unlocked()`, which lends the connection to the calls waiting behind it meanwhile.
 * PostgreSQL gives each call its own pooled connection and transaction: nothing to wait for.
 *
 * A restore replaces the database under every call: `exclusive()` waits until no other call is in
 * flight (also in their unlocked parts), holding new ones at the door until it is done.
 */
export interface Lease {
  /** Runs `fn` without the connection; the caller gets it back (in queue order) afterwards. */
  unlocked<T>(fn: () => Promise<T>): Promise<T>;
  /** Runs `fn` with no other call in flight. */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
}

export interface CallGate {
  /** Admits a call and runs it holding the connection. */
  run<T>(fn: (lease: Lease) => Promise<T>): Promise<T>;
  /** Resolves once no call is in flight. */
  drain(): Promise<void>;
}

/** A FIFO mutex. */
class Mutex {
  private held = false;
  private readonly waiting: (() => void)[] = [];

  async acquire(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }
}

/** Promises that resolve once a condition on the gate's state holds, checked at each change. */
function conditions() {
  const waiters: { ready: () => boolean; resolve: () => void }[] = [];
  const settle = () => {
    for (const w of [...waiters]) {
      if (!w.ready()) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  const until = (ready: () => boolean) =>
    new Promise<void>((resolve) => {
      waiters.push({ ready, resolve });
      settle();
    });
  return { settle, until };
}

export function serialGate(): CallGate {
  const connection = new Mutex();
  const state = conditions();
  /** Calls admitted and not finished (what exclusive() waits out). */
  let inFlight = 0;
  /** Calls started, including those held at the door (what drain() waits out). */
  let open = 0;
  let exclusiveWanted = false;

  const lease: Lease = {
    async unlocked(work) {
      connection.release();
      try {
        return await work();
      } finally {
        await connection.acquire();
      }
    },
    async exclusive(work) {
      // Two restores at once (the app and the CLI's bridge): the second is refused, not queued
      // (it is in flight itself, so waiting for it would deadlock the first).
      if (exclusiveWanted) throw new AppError('INVALID_STATE', 'error.exclusiveBusy');
      exclusiveWanted = true;
      connection.release();
      try {
        await state.until(() => inFlight === 1);
        await connection.acquire();
        return await work();
      } finally {
        exclusiveWanted = false;
        state.settle();
      }
    },
  };

  return {
    async run(fn) {
      open++;
      try {
        await state.until(() => !exclusiveWanted);
        inFlight++;
        await connection.acquire();
        try {
          return await fn(lease);
        } finally {
          connection.release();
          inFlight--;
        }
      } finally {
        open--;
        state.settle();
      }
    },
    drain: () => state.until(() => open === 0),
  };
}

/** PostgreSQL: every call has its own connection; a restore is not offered there. */
export function concurrentGate(): CallGate {
  const state = conditions();
  let inFlight = 0;
  const lease: Lease = {
    unlocked: (work) => work(),
    exclusive: () => Promise.reject(new Error('exclusive() is not available on a shared server')),
  };
  return {
    async run(fn) {
      inFlight++;
      try {
        return await fn(lease);
      } finally {
        inFlight--;
        state.settle();
      }
    },
    drain: () => state.until(() => inFlight === 0),
  };
}
