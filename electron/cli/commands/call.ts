import fs from 'node:fs';
import { contract, isMethodName } from '../../../shared/api/index.js';
import type { CommandSpec } from '../command.js';
import { EXIT_FAILED, EXIT_OK, UsageError } from '../errors.js';
import { printJson, progressOnTty } from '../output.js';
import { PASSWORD_ENV, login, passwordFromEnv, withCore } from '../session.js';

/** `--input` is JSON text, or `@FILE` to read it from a file (`@-`: standard input), for big payloads. */
function readInput(text: string | undefined): unknown {
  let source = text ?? '{}';
  if (source.startsWith('@')) {
    const file = source.slice(1);
    try {
      source = fs.readFileSync(file === '-' ? 0 : file, 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read --input file ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, 'call');
    }
  }
  try {
    return JSON.parse(source) as unknown;
  } catch (err) {
    throw new UsageError(`--input is not valid JSON: ${err instanceof Error ? err.message : String(err)}`, 'call');
  }
}

export const callCommand: CommandSpec = {
  name: 'call',
  summary:
    'Calls one contract method as a user and prints its JSON envelope. ' +
    'The envelope is {"ok":true,"data":...} or {"ok":false,"error":{"code","message","fields"}}; ' +
    'the call takes the same validation, permission and transaction path as the app.',
  positionals: [{ name: 'METHOD', description: 'method name, e.g. org.employees.list (see `opsdesk methods`)' }],
  options: {
    user: { type: 'string', value: 'U', description: 'username to sign in as (not needed for public methods such as setup.status)' },
    input: { type: 'string', value: 'JSON', description: 'the input as JSON, or @FILE / @- to read it (default {})' },
  },
  notes: [
    `Environment: ${PASSWORD_ENV}  the password of --user.`,
    'Exit codes: 0 ok, 1 the call or the login failed (envelope printed), 2 bad arguments.',
    `Example: ${PASSWORD_ENV}=... opsdesk call org.employees.list --user admin --input '{"pageSize":5}'`,
  ],
  async run(input) {
    const method = input.positionals[0]!;
    if (!isMethodName(method)) throw new UsageError(`unknown method '${method}' (list them with \`opsdesk methods\`)`, 'call');
    const payload = readInput(input.string('input'));
    const username = input.string('user');
    if (!username && contract[method].permission !== 'public') throw new UsageError(`${method} needs a signed-in user: give --user`, 'call');
    const password = username ? passwordFromEnv('call') : null;

    return withCore(input.dataDir, { mustExist: true }, async (core) => {
      let token: string | null = null;
      if (username && password) {
        const signedIn = await login(core, username, password);
        if (!signedIn.ok) {
          printJson(signedIn);
          return EXIT_FAILED;
        }
        token = signedIn.data.token;
      }
      const progress = progressOnTty((l) => core.on(l), 'cli-call');
      try {
        const result = await core.call(method, payload, { token, callId: progress.callId });
        printJson(result);
        return result.ok ? EXIT_OK : EXIT_FAILED;
      } finally {
        progress.done();
        if (token) await core.call('auth.logout', {}, { token });
      }
    });
  },
};
