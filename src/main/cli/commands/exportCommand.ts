import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { HistoryStore } from '../../history/HistoryStore';
import { exportBundle } from '../../bundle/exportBundle';
import { leftOutMessage } from '../../../shared/export/leftOut';
import type { WorkspaceStore } from '../../store/WorkspaceStore';
import { CliError, EXIT_OK } from '../CliError';
import type { CliIo } from '../CliIo';
import type { Command } from '../Command';
import { expectPositionals, oneOf, parseCommandArgs } from '../parseCommandArgs';
import { progressReporter } from '../progressReporter';
import { CLI_VERSION } from '../version';
import { withWorkspace } from '../withWorkspace';

export const exportCommand: Command = {
  name: 'export',
  summary: 'export articles as a bundle (zip or folder)',
  help: `Usage: versus-desk export <workspace> --out <path> [--format zip|folder]
                         [--status signed-off|any] [--only <slug>...]

Writes a bundle: manifest.json, comparisons/<slug>.json and .md, people/<id>.json and the
JSON Schemas. Exporting the same workspace twice gives byte-identical bundles. Nothing is
left behind if the export fails.

Options:
  --out <path>        the zip file or folder to create (its parent folder must exist;
                      an existing folder is refused, an existing zip replaced)
  --format <f>        zip (default) or folder
  --status <s>        signed-off (default: what is ready to publish) or any
  --only <slug>...    only these articles (still filtered by --status)
  --created-by <name> the manifest's creator (default: your user name)
  -h, --help          show this help

The manifest's createdAt is the latest change in the workspace (or SOURCE_DATE_EPOCH when
set), so it is the same for the same content.
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(
      'export',
      argv,
      {
        out: { type: 'string' },
        format: { type: 'string' },
        status: { type: 'string' },
        only: { type: 'string', multiple: true },
        'created-by': { type: 'string' },
      },
      ['only'],
    );
    expectPositionals('export', positionals, ['workspace']);
    if (typeof values.out !== 'string' || values.out === '') throw new CliError("versus-desk export: --out <path> is required. See 'versus-desk export --help'.");
    const format = oneOf('export', 'format', values.format, ['zip', 'folder'] as const, 'zip');
    const status = oneOf('export', 'status', values.status, ['signed-off', 'any'] as const, 'signed-off');
    const only = values.only as string[] | undefined;
    const out = resolve(values.out);
    const createdBy = typeof values['created-by'] === 'string' ? values['created-by'] : defaultCreator();
    const progress = progressReporter(io, 'Exporting');
    const result = await withWorkspace(resolve(positionals[0] as string), io, async (store) => {
      try {
        return await exportBundle(store, {
          out,
          format,
          status,
          only,
          createdBy,
          appVersion: CLI_VERSION,
          now: bundleTime(store, io),
          onProgress: (done, total) => progress.update(done, total),
          // Lineage lets the receiving side tell an update from a conflict on the way back.
          history: HistoryStore.forStore(store),
        });
      } finally {
        progress.done();
      }
    });
    const noun = result.items === 1 ? 'article' : 'articles';
    io.out(`Exported ${result.items} ${noun} to ${result.path} (${result.bytes} bytes).\n`);
    const leftOut = leftOutMessage(result.leftOut);
    if (leftOut) io.err(`versus-desk export: ${leftOut}\n`);
    else if (result.items === 0 && status === 'signed-off') io.out('No article is signed off yet; pass --status any to export drafts.\n');
    return EXIT_OK;
  },
};

/** SOURCE_DATE_EPOCH (seconds) if set, else the latest updatedAt in the workspace, else the epoch. */
function bundleTime(store: WorkspaceStore, io: CliIo): Date {
  const epoch = io.env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d+$/.test(epoch)) throw new CliError(`SOURCE_DATE_EPOCH must be whole seconds since 1970 (got "${epoch}").`);
    return new Date(Number(epoch) * 1000);
  }
  const times = [...store.listComparisons().map((c) => c.updatedAt), ...store.listPeople().map((p) => p.updatedAt)];
  const latest = times.reduce((max, t) => (t > max ? t : max), '1970-01-01T00:00:00.000Z');
  return new Date(latest);
}

function defaultCreator(): string {
  try {
    return userInfo().username || 'versus-desk';
  } catch {
    return 'versus-desk';
  }
}
