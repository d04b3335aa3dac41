import { ServiceError } from '../../shared/api/errors';
import { CliError, EXIT_OK, EXIT_USAGE } from './CliError';
import type { CliIo } from './CliIo';
import type { Command } from './Command';
import { checkCommand } from './commands/checkCommand';
import { exportCommand } from './commands/exportCommand';
import { importCommand } from './commands/importCommand';
import { initCommand } from './commands/initCommand';
import { listCommand } from './commands/listCommand';
import { validateCommand } from './commands/validateCommand';
import { CLI_VERSION } from './version';

export const COMMANDS: readonly Command[] = [initCommand, importCommand, exportCommand, validateCommand, checkCommand, listCommand];

function topLevelHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `Usage: versus-desk <command> [options]

Versus Desk on the command line: the same workspaces and bundles as the app, without it.

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Options:
  -h, --help     show this help (or 'versus-desk <command> --help')
  -v, --version  print the version

Exit codes: 0 success, 1 checks failed, 2 bad usage or input (reason on stderr),
130 an import stopped with Ctrl+C.
`;
}

/** Runs one command line (the arguments after `versus-desk`) and resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.err(topLevelHelp());
    return EXIT_USAGE;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    io.out(topic ? topic.help : topLevelHelp());
    return EXIT_OK;
  }
  if (first === '--version' || first === '-v') {
    io.out(`${CLI_VERSION}\n`);
    return EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === first);
  if (!command) {
    const what = first.startsWith('-') ? `unknown option "${first}"` : `unknown command "${first}"`;
    io.err(`versus-desk: ${what}. See 'versus-desk --help'.\n`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.help);
    return EXIT_OK;
  }
  try {
    return await command.run([...rest], io);
  } catch (error) {
    io.err(`${oneLine(describeError(error))}\n`);
    return error instanceof CliError ? error.exitCode : EXIT_USAGE;
  }
}

function describeError(error: unknown): string {
  if (error instanceof CliError || error instanceof ServiceError) return error.message;
  if (error instanceof Error) return `Unexpected error: ${error.message}`;
  return `Unexpected error: ${String(error)}`;
}

/** The contract is one line on stderr: scripts read it with `2>&1 | tail -1`. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
