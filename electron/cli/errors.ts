/**
 * The two ways a command ends on purpose without success. Both carry a message meant for the
 * user; the entry point prints it without a stack trace.
 */

/** The command line itself is wrong (unknown command or option, missing argument): exit 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose usage to print after the message; null prints the general usage. */
    readonly command: string | null = null,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The command was understood but could not be done (refused, unreadable file...): exit 1. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
