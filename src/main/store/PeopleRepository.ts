import { basename } from 'node:path';
import { Low } from 'lowdb';
import { ServiceError } from '../../shared/api/errors';
import { PERSON_FORMAT, personSchema, type Person } from '../../shared/model/person';
import type { BlockDoc } from '../../shared/model/richText';
import { checkedRecord, pooled, writeFilesDurable } from './batchWrite';
import { DurableAdapter, RecordReadError } from './DurableAdapter';
import { syncFolder } from './durableWrite';
import { errnoCode } from './fsLayer';
import { ioError } from './ioError';
import { writeRecord } from './recordIo';
import type { StoreContext } from './StoreContext';
import { conflictSameRevision, type SaveOptions } from './ComparisonRepository';

/** Person files read at a time when the workspace opens. */
const LOAD_CONCURRENCY = 16;

export interface NewPerson {
  name: string;
  credentials: string;
  bio: BlockDoc;
}

/** People (authors and editors): one lowdb file each under people/, all held in memory (they are few). */
export class PeopleRepository {
  private readonly people = new Map<string, Person>();
  private readonly lows = new Map<string, Low<Person | null>>();

  constructor(private readonly ctx: StoreContext) {}

  async load(): Promise<void> {
    let names: string[];
    try {
      names = await this.ctx.fs.readdir(this.ctx.layout.peopleDir);
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return;
      throw ioError('Could not list the people', error);
    }
    const ids = names.filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort().map((n) => basename(n, '.json'));
    // A few at a time: one after another, 50 small files cost 50 round trips to the thread pool.
    await pooled(ids.length, LOAD_CONCURRENCY, async (i) => {
      try {
        await this.readFresh(ids[i] as string);
      } catch (error) {
        if (!(error instanceof ServiceError && error.code === 'NOT_FOUND')) throw error;
      }
    });
  }

  get size(): number {
    return this.people.size;
  }

  list(): Person[] {
    return [...this.people.values()].map((p) => structuredClone(p)).sort((x, y) => x.name.localeCompare(y.name) || x.id.localeCompare(y.id));
  }

  /** The name of a person known to the workspace, for messages. */
  nameOf(id: string): string | null {
    return this.people.get(id)?.name ?? null;
  }

  async get(id: string): Promise<Person> {
    const person = await this.readFresh(id);
    if (!person) throw new ServiceError('NOT_FOUND', `That person no longer exists.`, { id });
    return person;
  }

  async create(input: NewPerson): Promise<Person> {
    const now = this.ctx.now().toISOString();
    return this.write({
      format: PERSON_FORMAT,
      id: this.ctx.newId(),
      revision: 1,
      createdAt: now,
      updatedAt: now,
      name: input.name.trim(),
      credentials: input.credentials,
      bio: input.bio,
    });
  }

  /** Writes a record prepared elsewhere (the seed). */
  async insert(person: Person): Promise<Person> {
    return this.write(person);
  }

  /** An import's write of a person: as a new file (`holds` null), or only while the file holds `holds` (WorkspaceStore's RecordWriter.placePerson). */
  async place(person: Person, holds: string | null): Promise<void> {
    const { data, text } = checkedRecord(personSchema, person, person.name);
    try {
      await writeFilesDurable([{ path: this.ctx.layout.personFile(data.id), data: text, ...(holds === null ? { create: true } : { holds }) }], this.ctx.fs);
    } catch (error) {
      throw error instanceof ServiceError ? error : ioError(`Could not save “${data.name}”`, error);
    }
    this.lows.delete(data.id);
    this.people.set(data.id, structuredClone(data));
  }

  /** Re-reads one record file after it was put back byte for byte (an import rolled back). */
  async refresh(id: string): Promise<void> {
    this.lows.delete(id);
    await this.readFresh(id).catch((error: unknown) => {
      if (!(error instanceof ServiceError && error.code === 'NOT_FOUND')) throw error;
    });
  }

  /** Saves an edit; the stored review data is kept unless `withReview` (review actions, import). */
  async save(input: Person, baseRevision: number, opts: SaveOptions = {}): Promise<Person> {
    const current = await this.readFresh(input.id);
    if (!current) throw new ServiceError('NOT_FOUND', `${input.name} no longer exists: they were deleted or moved.`, { id: input.id });
    if (current.revision !== baseRevision) {
      throw new ServiceError(
        'CONFLICT',
        `${current.name} was changed elsewhere since you opened it: the saved copy is revision ${current.revision} (saved ${current.updatedAt}), yours is based on revision ${baseRevision}.`,
        { id: current.id, currentRevision: current.revision, baseRevision, updatedAt: current.updatedAt },
      );
    }
    if (opts.baseUpdatedAt !== undefined && current.updatedAt !== opts.baseUpdatedAt) throw conflictSameRevision(current, opts.baseUpdatedAt, current.name);
    const next: Person = {
      ...input,
      name: input.name.trim(),
      format: PERSON_FORMAT,
      createdAt: current.createdAt,
      revision: current.revision + 1,
      updatedAt: this.ctx.now().toISOString(),
    };
    const review = opts.withReview ? input.review : current.review;
    if (review === undefined) delete next.review;
    else next.review = review;
    return this.write(next);
  }

  /** Deletes the file; the caller checks first that no byline names them. */
  async delete(id: string): Promise<void> {
    const current = await this.readFresh(id);
    if (!current) throw new ServiceError('NOT_FOUND', 'That person no longer exists.', { id });
    try {
      await this.ctx.fs.unlink(this.ctx.layout.personFile(id));
      await syncFolder(this.ctx.layout.peopleDir, this.ctx.fs);
    } catch (error) {
      throw ioError(`Could not delete ${current.name}`, error);
    }
    this.people.delete(id);
    this.lows.delete(id);
  }

  private async write(person: Person): Promise<Person> {
    const low = this.lowFor(person.id);
    await writeRecord(low, person, person.name);
    const stored = low.data ?? person;
    this.people.set(person.id, structuredClone(stored));
    return structuredClone(stored);
  }

  private async readFresh(id: string): Promise<Person | null> {
    const low = this.lowFor(id);
    const file = this.ctx.layout.personFile(id);
    low.data = null;
    try {
      await low.read();
    } catch (error) {
      if (!(error instanceof RecordReadError)) throw ioError(`Could not read ${this.people.get(id)?.name ?? id}`, error);
      await this.forget(id, file, error.reason);
      throw new ServiceError('NOT_FOUND', `That person could not be read (${error.reason}); the file was moved to quarantine.`, { id });
    }
    const data = low.data as Person | null;
    if (data && data.id !== id) {
      await this.forget(id, file, `its id ${data.id} does not match its file name`);
      return null;
    }
    if (!data) this.people.delete(id);
    else this.people.set(id, structuredClone(data));
    return data ? structuredClone(data) : null;
  }

  private async forget(id: string, file: string, reason: string): Promise<void> {
    await this.ctx.quarantine(file, reason);
    this.people.delete(id);
    this.lows.delete(id);
  }

  private lowFor(id: string): Low<Person | null> {
    let low = this.lows.get(id);
    if (!low) {
      const adapter = new DurableAdapter(this.ctx.layout.personFile(id), personSchema, 'person', this.ctx.fs);
      low = new Low<Person | null>(adapter as DurableAdapter<Person | null>, null);
      this.lows.set(id, low);
    }
    return low;
  }
}
