import { resolve } from 'node:path';
import { stat } from 'node:fs/promises';
import { isEffectivelyEmpty } from '../../store/workspaceSettings';
import { SETTINGS_FILE } from '../../store/workspaceLayout';
import { nodeFs } from '../../store/fsLayer';
import { CliError, EXIT_OK } from '../CliError';
import type { Command } from '../Command';
import { expectPositionals, parseCommandArgs } from '../parseCommandArgs';
import { withWorkspace } from '../withWorkspace';

export const initCommand: Command = {
  name: 'init',
  summary: 'create a workspace (optionally with the sample article)',
  help: `Usage: versus-desk init <workspace> [--sample]

Creates a Versus Desk workspace in <workspace>: a new folder, or an existing empty one
(hidden entries such as .git are fine). A folder holding other files, or one that already
is a workspace, is refused.

Options:
  --sample     fill it with the sample article "Social Media vs. Social Networking"
               and its author and editor
  -h, --help   show this help
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs('init', argv, { sample: { type: 'boolean' } });
    expectPositionals('init', positionals, ['workspace']);
    const dir = resolve(positionals[0] as string);
    const existing = await stat(dir).catch(() => null);
    if (existing && !existing.isDirectory()) throw new CliError(`${dir} is a file, not a folder.`);
    if (existing) {
      if (await stat(resolve(dir, SETTINGS_FILE)).catch(() => null)) throw new CliError(`${dir} is already a Versus Desk workspace.`);
      if (!(await isEffectivelyEmpty(nodeFs, dir))) {
        throw new CliError(`${dir} is not empty and not a workspace; choose an empty or new folder.`);
      }
    }
    const counts = await withWorkspace(dir, io, async (store) => store.info().counts, { create: true, seed: values.sample === true, now: io.now });
    io.out(
      `Created the workspace ${dir}` +
        (values.sample ? ` with ${counts.comparisons} sample article and ${counts.people} people.\n` : '.\n'),
    );
    return EXIT_OK;
  },
};
