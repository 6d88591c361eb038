import { z } from 'zod';
import { contract, METHOD_NAMES } from '../../../shared/api/index.js';
import type { CommandSpec } from '../command.js';
import { EXIT_OK } from '../errors.js';
import { print, printJson, table } from '../output.js';

/** What a script needs to call a method: its name, permission, whether it writes, and its input. */
export function describeMethods() {
  return METHOD_NAMES.map((name) => {
    const spec = contract[name];
    return {
      name,
      permission: spec.permission,
      mutates: spec.mutates,
      // io 'input': what a caller may send, so fields with defaults show as optional.
      input: z.toJSONSchema(spec.input, { io: 'input' }),
    };
  });
}

export const methodsCommand: CommandSpec = {
  name: 'methods',
  summary: 'Lists every contract method. With --json: its permission, whether it writes, and the JSON Schema of its input.',
  options: { json: { type: 'boolean', description: 'print the list with input schemas as JSON' } },
  notes: ['Reads no data: the list comes from this build of OpsDesk.'],
  async run(input) {
    const methods = describeMethods();
    if (input.flag('json')) {
      printJson(methods);
      return EXIT_OK;
    }
    print(table([['METHOD', 'PERMISSION', 'WRITES'], ...methods.map((m) => [m.name, m.permission, m.mutates ? 'yes' : 'no'])]));
    print();
    print('Input schemas: opsdesk methods --json');
    return EXIT_OK;
  },
};
