import { resolve } from 'node:path';
import { validateBundle } from '../../bundle/import/readBundle';
import { ServiceError } from '../../../shared/api/errors';
import { CliError, EXIT_OK } from '../CliError';
import type { Command } from '../Command';
import { expectPositionals, parseCommandArgs } from '../parseCommandArgs';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check a bundle: checksums, schemas and limits',
  help: `Usage: versus-desk validate <bundle>

Checks a bundle (zip file or folder) the way an import would, without touching any
workspace: safe entry names, entry count, sizes and compression ratio, every file's sha256
and size against manifest.json, safe JSON, the format versions and the JSON schemas.

Exits 0 when the bundle is valid, 2 when it is not (the reason, naming the entry, on stderr).

Options:
  -h, --help   show this help
`,
  async run(argv, io) {
    const { positionals } = parseCommandArgs('validate', argv, {});
    expectPositionals('validate', positionals, ['bundle']);
    const path = resolve(positionals[0] as string);
    let result;
    try {
      result = await validateBundle(path);
    } catch (error) {
      if (error instanceof ServiceError && error.code === 'INVALID_INPUT') throw new CliError(`Invalid bundle ${path}: ${error.message}`);
      throw error;
    }
    const articles = `${result.items} ${result.items === 1 ? 'article' : 'articles'}`;
    const people = `${result.people} ${result.people === 1 ? 'person' : 'people'}`;
    io.out(`${path} is a valid bundle: ${articles}, ${people}.\n`);
    return EXIT_OK;
  },
};
