import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './CliError';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface ParsedCommandArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/**
 * `node:util` parseArgs in strict mode, with `--help` on every command, and its errors (unknown
 * flag, missing value) turned into a one-line usage error naming the command.
 *
 * `lists` names `multiple` string options that also take the plain words after them, so
 * `--only a b` means the same as `--only a --only b`.
 */
export function parseCommandArgs(command: string, argv: string[], options: Options, lists: string[] = []): ParsedCommandArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
      tokens: true,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Node's messages run on with hints ("To specify a positional argument starting with a '-' …").
    const firstSentence = message.split(/\.\s|\n/)[0]?.replace(/\.$/, '') ?? message;
    throw new CliError(`versus-desk ${command}: ${firstSentence}. See 'versus-desk ${command} --help'.`);
  }
  const values = { ...parsed.values } as ParsedCommandArgs['values'];
  const positionals: string[] = [];
  let list: string | null = null;
  for (const token of parsed.tokens ?? []) {
    if (token.kind === 'option') {
      list = lists.includes(token.name) ? token.name : null;
    } else if (token.kind === 'positional') {
      if (list) (values[list] as string[]).push(token.value);
      else positionals.push(token.value);
    } else {
      list = null;
    }
  }
  return { values, positionals };
}

/** A flag whose value must be one of a few words. */
export function oneOf<T extends string>(command: string, flag: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new CliError(`versus-desk ${command}: --${flag} must be one of ${allowed.join(', ')} (got "${String(value)}").`);
}

/** The positional arguments named, no fewer; no more unless the last one is variadic. */
export function expectPositionals(command: string, positionals: string[], names: string[], opts: { variadicLast?: boolean } = {}): void {
  const min = names.length;
  if (positionals.length < min) {
    throw new CliError(`versus-desk ${command}: missing <${names[positionals.length]}>. See 'versus-desk ${command} --help'.`);
  }
  if (!opts.variadicLast && positionals.length > min) {
    throw new CliError(`versus-desk ${command}: unexpected argument "${positionals[min]}". See 'versus-desk ${command} --help'.`);
  }
}
