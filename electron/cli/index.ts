import { main } from './main.js';

/**
 * The `opsdesk` command (bin/opsdesk.js loads this file).
 *
 * Output piped into a reader that stops early (`opsdesk methods --json | head`) closes the pipe:
 * that is the reader's choice, not an error worth a stack trace, so EPIPE is ignored.
 */
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
});

// The exit code is set rather than forced with process.exit() so large JSON written to a pipe is
// flushed before the process ends.
process.exitCode = await main(process.argv.slice(2));
