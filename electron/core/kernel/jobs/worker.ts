import { parentPort } from 'node:worker_threads';
import { TASKS, type TaskName } from './tasks.js';
import { toJobError } from './job-errors.js';

/** Worker-thread entry: runs one task per message and answers with its result or error reason. */
parentPort?.on('message', (msg: { id: number; task: TaskName; payload: never }) => {
  const progress = (done: number, total: number) => parentPort?.postMessage({ id: msg.id, progress: { done, total } });
  const run = TASKS[msg.task] as (payload: unknown, progress: (d: number, t: number) => void) => Promise<unknown>;
  Promise.resolve()
    .then(() => run(msg.payload, progress))
    .then(
      (result) => parentPort?.postMessage({ id: msg.id, result }),
      (err: unknown) => parentPort?.postMessage({ id: msg.id, error: toJobError(err) }),
    );
});
