import { join } from 'node:path';

/** Where each kind of record lives inside a workspace folder (DESIGN.md §3). */
export class WorkspaceLayout {
  constructor(readonly root: string) {}
  get settingsFile(): string {
    return join(this.root, SETTINGS_FILE);
  }
  get comparisonsDir(): string {
    return join(this.root, 'comparisons');
  }
  get peopleDir(): string {
    return join(this.root, 'people');
  }
  get historyDir(): string {
    return join(this.root, 'history');
  }
  get derivedDir(): string {
    return join(this.root, '.versus-desk');
  }
  get indexFile(): string {
    return join(this.derivedDir, 'index.json');
  }
  get lockFile(): string {
    return join(this.derivedDir, 'lock');
  }
  get quarantineDir(): string {
    return join(this.derivedDir, 'quarantine');
  }
  /** Hot-exit journals of unsaved edits (src/main/journal). */
  get journalDir(): string {
    return join(this.derivedDir, 'journal');
  }
  comparisonFile(id: string): string {
    return join(this.comparisonsDir, `${id}.json`);
  }
  personFile(id: string): string {
    return join(this.peopleDir, `${id}.json`);
  }
}

export const SETTINGS_FILE = 'versus-desk.json';
