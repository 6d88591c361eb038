import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../core/paths.js';
import { defaultDataDirFor, loadMachineSettings } from '../core/modules/settings/machine.js';
import { UsageError } from './errors.js';

/** One option of a command, with what its help line says. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  /** Placeholder shown in usage, e.g. 'NAME' (string options). */
  value?: string;
  description: string;
  required?: boolean;
  /** The only values a string option takes; anything else is a usage error. */
  choices?: readonly string[];
}

/** What a command's run() receives: parsed and checked against its spec. */
export interface CommandInput {
  dataDir: string;
  positionals: string[];
  /** A string option's value (required ones are guaranteed present and non-empty). */
  string(name: string): string | undefined;
  flag(name: string): boolean;
}

export interface CommandSpec {
  /** 'init', or 'org import' for a subcommand. */
  name: string;
  summary: string;
  /** Required positional arguments, in order. */
  positionals?: { name: string; description: string }[];
  options: Record<string, OptionSpec>;
  /** Extra help lines (environment variables, exit codes). */
  notes?: string[];
  /** Returns the exit code. */
  run(input: CommandInput): Promise<number>;
}

export const GLOBAL_OPTIONS_USAGE = '[--data-dir DIR]';

export function usageLine(spec: CommandSpec): string {
  const parts = [`opsdesk ${GLOBAL_OPTIONS_USAGE} ${spec.name}`];
  for (const p of spec.positionals ?? []) parts.push(p.name);
  for (const [name, o] of Object.entries(spec.options)) {
    const text = o.type === 'string' ? `--${name} ${o.value ?? 'VALUE'}` : `--${name}`;
    parts.push(o.required ? text : `[${text}]`);
  }
  return parts.join(' ');
}

export function commandHelp(spec: CommandSpec): string {
  const lines = [`Usage: ${usageLine(spec)}`, '', spec.summary];
  const rows: [string, string][] = [
    ...(spec.positionals ?? []).map((p): [string, string] => [p.name, p.description]),
    ...Object.entries(spec.options).map(([name, o]): [string, string] => [
      o.type === 'string' ? `--${name} ${o.value ?? 'VALUE'}` : `--${name}`,
      o.description + (o.required ? ' (required)' : ''),
    ]),
    ['--data-dir DIR', `data folder (default: ${defaultDataDir()})`],
  ];
  const width = Math.max(...rows.map(([left]) => left.length));
  lines.push('', ...rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`));
  if (spec.notes?.length) lines.push('', ...spec.notes);
  return lines.join('\n');
}

/** node:util's messages are long; the first sentence says what is wrong. */
function parseErrorMessage(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  // "Option '--user <value>' argument missing" / "... argument is ambiguous" (the value looked like an option).
  const noValue = /^Option '(--[\w-]+)(?: <value>)?' argument (missing|is ambiguous)/.exec(message);
  if (noValue) return `${noValue[1]} needs a value`;
  const first = message.split(/\.\s/)[0]!.replace(/\.$/, '');
  return first.charAt(0).toLowerCase() + first.slice(1);
}

/**
 * Parses a command's own arguments. `--data-dir` is accepted after the command too (people put
 * it anywhere); the global one before the command is the fallback. Returns null for --help.
 */
export function parseCommand(spec: CommandSpec, args: string[], globalDataDir: string | undefined): CommandInput | null {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {
    'data-dir': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  };
  for (const [name, o] of Object.entries(spec.options)) options[name] = { type: o.type };
  const parsed = (() => {
    try {
      return parseArgs({ args, options, allowPositionals: true, strict: true });
    } catch (err) {
      throw new UsageError(parseErrorMessage(err), spec.name);
    }
  })();
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) return null;

  const expected = spec.positionals ?? [];
  if (parsed.positionals.length < expected.length) throw new UsageError(`missing ${expected[parsed.positionals.length]!.name}`, spec.name);
  if (parsed.positionals.length > expected.length) throw new UsageError(`unexpected argument '${parsed.positionals[expected.length]}'`, spec.name);
  for (const [name, o] of Object.entries(spec.options)) {
    const value = values[name];
    if (o.required && value === undefined) throw new UsageError(`missing required option --${name}`, spec.name);
    if (typeof value === 'string' && value.trim() === '') throw new UsageError(`--${name} must not be empty`, spec.name);
    if (typeof value === 'string' && o.choices && !o.choices.includes(value)) {
      throw new UsageError(`--${name} must be one of ${o.choices.join(', ')}`, spec.name);
    }
  }
  const dataDir = (values['data-dir'] as string | undefined) ?? globalDataDir;
  if (dataDir !== undefined && dataDir.trim() === '') throw new UsageError('--data-dir must not be empty', spec.name);

  return {
    dataDir: path.resolve(dataDir ?? defaultDataDirFor(loadMachineSettings())),
    positionals: parsed.positionals,
    string: (name) => {
      const value = values[name];
      return typeof value === 'string' ? value : undefined;
    },
    flag: (name) => values[name] === true,
  };
}
