import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TaskName, TaskPayload, TaskResult } from './tasks.js';
import { fromJobError, type JobErrorData } from './job-errors.js';

export interface JobRunner {
  run<T extends TaskName>(task: T, payload: TaskPayload<T>, onProgress?: (done: number, total: number) => void): Promise<TaskResult<T>>;
  readonly mode: 'worker' | 'inline';
  close(): Promise<void>;
}

type Pending = { resolve: (v: unknown) => void; reject: (e: unknown) => void; onProgress?: (d: number, t: number) => void };

/**
 * Runs heavy work that does not need the app's database connection (spreadsheets; packing,
 * checking and unpacking backups) on a worker thread so the
 * thread that answers the UI stays free (ARCHITECTURE "long jobs"). The worker is started on
 * first use and kept.
 *
 * When the compiled worker file is absent (the TypeScript sources run under vitest), tasks run
 * inline: the same task functions, on the calling thread. The compiled app, the CLI and the e2e
 * tests use the worker.
 */
export function createJobRunner(mode?: 'worker' | 'inline'): JobRunner {
  const workerFile = fileURLToPath(new URL('./worker.js', import.meta.url));
  const useWorker = mode ? mode === 'worker' : fs.existsSync(workerFile);
  if (!useWorker) return inlineRunner();

  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const start = (): Worker => {
    const w = new Worker(workerFile);
    w.on('message', (msg: { id: number; result?: unknown; error?: JobErrorData; progress?: { done: number; total: number } }) => {
      const job = pending.get(msg.id);
      if (!job) return;
      if (msg.progress) return job.onProgress?.(msg.progress.done, msg.progress.total);
      pending.delete(msg.id);
      // Idle: let a process with nothing else to do (the CLI) exit; see run().
      if (pending.size === 0) w.unref();
      if (msg.error) job.reject(fromJobError(msg.error));
      else job.resolve(msg.result);
    });
    w.on('error', (err) => {
      for (const job of pending.values()) job.reject(err);
      pending.clear();
      worker = null;
    });
    w.unref();
    return w;
  };

  return {
    mode: 'worker',
    run(task, payload, onProgress) {
      worker ??= start();
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject, ...(onProgress ? { onProgress } : {}) });
        // Referenced while a job runs: an unreferenced worker does not keep the event loop alive,
        // so a plain Node process (the CLI) would exit mid-job with an unsettled await.
        worker!.ref();
        worker!.postMessage({ id, task, payload });
      });
    },
    async close() {
      await worker?.terminate();
      worker = null;
    },
  };
}

function inlineRunner(): JobRunner {
  return {
    mode: 'inline',
    // Imported on first use: the tasks bring exceljs (about 0.15 s to load), which the core's
    // start should not pay for.
    run: async (task, payload, onProgress) => {
      const { TASKS } = await import('./tasks.js');
      return (TASKS[task] as (p: typeof payload, progress: (d: number, t: number) => void) => Promise<TaskResult<typeof task>>)(payload, onProgress ?? (() => {}));
    },
    close: async () => {},
  };
}
