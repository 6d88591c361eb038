import { AppError } from '../../core/kernel/errors.js';
import { unlockUserByName } from '../../core/modules/auth/service.js';
import type { CommandSpec } from '../command.js';
import { CliError, EXIT_FAILED, EXIT_OK } from '../errors.js';
import { print, printJson } from '../output.js';
import { withCore } from '../session.js';

/**
 * `opsdesk users unlock U`: clears an account's failed sign-ins so its owner can sign in at once,
 * e.g. the only administrator after someone kept guessing. It needs no --user: whoever can run
 * commands on the data folder can already copy or replace the database, so physical access to
 * the folder is the authority here. The audit log records it (method maintenance.usersUnlock).
 */
export const usersUnlockCommand: CommandSpec = {
  name: 'users unlock',
  summary:
    "Clears an account's failed sign-ins, so its owner can sign in again at once. " +
    'After failed sign-ins, OpsDesk makes each further attempt wait (1 s after the third failure in a row, doubling up to 30 s); this ends the wait.',
  positionals: [{ name: 'USERNAME', description: 'the account (case does not matter)' }],
  options: { json: { type: 'boolean', description: 'print the result as JSON' } },
  notes: [
    'No --user and no password are needed: anyone who can run commands on the data folder already has the',
    'database in hand, so access to the folder is the authority. The audit log records the unlock.',
    'Exit codes: 0 done (also when there was nothing to clear), 1 no such account or no database, 2 bad arguments.',
  ],
  async run(input) {
    const username = input.positionals[0]!;
    const json = input.flag('json');
    return withCore(input.dataDir, { mustExist: true }, async (core) => {
      try {
        const result = await core.runInternal('maintenance.usersUnlock', null, (ctx) => unlockUserByName(ctx, username));
        if (json) printJson({ username: result.user.username, clearedFailedLogins: result.clearedFailedLogins, user: result.user });
        else if (result.clearedFailedLogins === 0) print(`${result.user.username} (${result.user.displayName}): no failed sign-ins to clear; the account can sign in.`);
        else print(`${result.user.username} (${result.user.displayName}): ${result.clearedFailedLogins} failed sign-ins cleared; the account can sign in again now.`);
        return EXIT_OK;
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'NOT_FOUND') throw err;
        if (json) {
          printJson({ ok: false, error: err.toApiError() });
          return EXIT_FAILED;
        }
        throw new CliError(`no account with the username '${username}' (usernames are listed by: opsdesk call users.list --user ADMIN)`);
      }
    });
  },
};
