import { resolve } from 'node:path';
import { EXIT_OK } from '../CliError';
import type { Command } from '../Command';
import { expectPositionals, parseCommandArgs } from '../parseCommandArgs';
import { withWorkspace } from '../withWorkspace';
import { formatTable } from '../formatTable';

export const listCommand: Command = {
  name: 'list',
  summary: 'list the articles in a workspace',
  help: `Usage: versus-desk list <workspace> [--json]

Lists every comparison in <workspace>, sorted by slug: slug, title, status and last update.

Options:
  --json       print a JSON array of { id, slug, title, terms, status, updatedAt, revision }
  -h, --help   show this help
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs('list', argv, { json: { type: 'boolean' } });
    expectPositionals('list', positionals, ['workspace']);
    const items = await withWorkspace(resolve(positionals[0] as string), io, async (store) =>
      [...store.listComparisons()].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0)),
    );
    if (values.json) {
      io.out(`${JSON.stringify(items, null, 2)}\n`);
    } else if (items.length === 0) {
      io.out('No articles in this workspace.\n');
    } else {
      io.out(
        formatTable(
          ['SLUG', 'TITLE', 'STATUS', 'UPDATED'],
          items.map((i) => [i.slug, i.title, i.status.replace(/_/g, ' '), i.updatedAt]),
        ),
      );
    }
    return EXIT_OK;
  },
};
