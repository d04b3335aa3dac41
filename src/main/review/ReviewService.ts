import { ulid } from 'ulid';
import { ServiceError } from '../../shared/api/errors';
import { runChecklist } from '../../shared/checks/checklist';
import type { Comparison } from '../../shared/model/comparison';
import type { Person } from '../../shared/model/person';
import {
  addComment,
  replyToComment,
  resolveComment,
  reviewComparison,
  reviewPerson,
  ReviewRefusal,
  type Actor,
  type NewComment,
  type ReviewAction,
} from '../../shared/review/actions';
import type { Profile, ReviewRecord } from '../../shared/review/reviewModel';
import { isEmptyReview } from '../../shared/review/status';
import { HistoryStore, type HistoryReason } from '../history/HistoryStore';
import type { WorkspaceStore } from '../store/WorkspaceStore';
import { conflictSameRevision } from '../store/ComparisonRepository';

/** Where the app keeps the profile (who is using this copy of the app): app settings in Electron. */
export interface ProfileStore {
  get(): Profile | null;
  set(profile: Profile): Promise<void>;
}

export function memoryProfileStore(initial: Profile | null = null): ProfileStore {
  let current = initial;
  return {
    get: () => current,
    set: async (profile) => {
      current = profile;
    },
  };
}

export interface ProfileView extends Profile {
  /** The person's name; null when they are not among this workspace's people. */
  name: string | null;
}

/** What comments attach to. */
export type CommentedKind = 'comparison' | 'person';

const REASONS: Record<ReviewAction['action'], HistoryReason> = {
  submit: 'submit',
  approve: 'approve',
  request_changes: 'request-changes',
  sign_off: 'sign-off',
};

/** Today as YYYY-MM-DD in the local time zone (the checklist's "not in the future"). */
export function localDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * Review actions over the open workspace: each one checks who is acting (the profile), applies
 * the pure rules of src/shared/review, saves with the review data, and snapshots the result.
 */
export class ReviewService {
  constructor(
    private readonly store: () => WorkspaceStore,
    private readonly profiles: ProfileStore,
    private readonly now: () => Date,
    private readonly warn: (message: string) => void,
  ) {}

  profile(): ProfileView | null {
    const p = this.profiles.get();
    if (!p) return null;
    return { ...p, name: this.store().listPeople().find((x) => x.id === p.personId)?.name ?? null };
  }

  async setProfile(profile: Profile): Promise<ProfileView> {
    const person = this.store().listPeople().find((x) => x.id === profile.personId);
    if (!person) throw new ServiceError('NOT_FOUND', 'That person is not in this workspace. Add them under People first.', { personId: profile.personId });
    await this.profiles.set(profile);
    return { ...profile, name: person.name };
  }

  async reviewComparison(id: string, baseRevision: number, act: ReviewAction, baseUpdatedAt?: string): Promise<Comparison> {
    const actor = this.actor();
    const c = await this.fresh(id, baseRevision);
    // The same revision saved elsewhere (synced in) is not the copy the reviewer saw.
    if (baseUpdatedAt !== undefined && c.updatedAt !== baseUpdatedAt) throw conflictSameRevision(c, baseUpdatedAt, `“${c.title}”`);
    const at = this.now().toISOString();
    const errors =
      act.action === 'sign_off'
        ? runChecklist({ comparison: c, people: this.store().listPeople(), today: localDate(this.now()), others: this.store().listComparisons() })
            .filter((f) => f.severity === 'error')
            .map((f) => f.message)
        : [];
    const review = this.apply(() => reviewComparison(c, actor, act, at, errors));
    const saved = await this.saveComparison(c, review, baseRevision, baseUpdatedAt);
    await this.snapshot('comparison', saved, REASONS[act.action], actor);
    return saved;
  }

  async reviewPerson(id: string, baseRevision: number, act: ReviewAction, baseUpdatedAt?: string): Promise<Person> {
    const actor = this.actor();
    const p = await this.store().getPerson(id);
    if (p.revision !== baseRevision) throw stale(p.name, p.revision, baseRevision, p.id);
    // The same revision saved elsewhere (synced in) is not the bio the reviewer read: a signed-off
    // bio lets its articles into a signed-off export.
    if (baseUpdatedAt !== undefined && p.updatedAt !== baseUpdatedAt) throw conflictSameRevision(p, baseUpdatedAt, p.name);
    const review = this.apply(() => reviewPerson(p, actor, act, this.now().toISOString()));
    const next: Person = { ...p };
    if (isEmptyReview(review)) delete next.review;
    else next.review = review;
    const saved = await this.store().savePerson(next, baseRevision, { withReview: true, ...(baseUpdatedAt === undefined ? {} : { baseUpdatedAt }) });
    await this.snapshot('person', saved, REASONS[act.action], actor);
    return saved;
  }

  /** Comments on an article's part, or (kind 'person') on a person's bio. */
  async comment(id: string, baseRevision: number, input: NewComment, kind?: 'comparison'): Promise<Comparison>;
  async comment(id: string, baseRevision: number, input: NewComment, kind: CommentedKind): Promise<Comparison | Person>;
  async comment(id: string, baseRevision: number, input: NewComment, kind: CommentedKind = 'comparison'): Promise<Comparison | Person> {
    const actor = this.actor();
    return this.onCommented(kind, id, baseRevision, (r) => addComment(r, actor, input, { thread: ulid(), message: ulid() }, this.now().toISOString()));
  }

  async reply(id: string, baseRevision: number, thread: string, text: string, kind?: 'comparison'): Promise<Comparison>;
  async reply(id: string, baseRevision: number, thread: string, text: string, kind: CommentedKind): Promise<Comparison | Person>;
  async reply(id: string, baseRevision: number, thread: string, text: string, kind: CommentedKind = 'comparison'): Promise<Comparison | Person> {
    const actor = this.actor();
    return this.onCommented(kind, id, baseRevision, (r) => replyToComment(r, actor, thread, text, ulid(), this.now().toISOString()));
  }

  async resolve(id: string, baseRevision: number, thread: string, resolved: boolean, kind?: 'comparison'): Promise<Comparison>;
  async resolve(id: string, baseRevision: number, thread: string, resolved: boolean, kind: CommentedKind): Promise<Comparison | Person>;
  async resolve(id: string, baseRevision: number, thread: string, resolved: boolean, kind: CommentedKind = 'comparison'): Promise<Comparison | Person> {
    const actor = this.actor();
    return this.onCommented(kind, id, baseRevision, (r) => resolveComment(r, actor, thread, resolved, this.now().toISOString()));
  }

  /** Loads the article or person at `baseRevision` (CONFLICT when stale), applies a comment rule, saves with the review. */
  private async onCommented(kind: CommentedKind, id: string, baseRevision: number, rule: (record: Comparison | Person) => ReviewRecord): Promise<Comparison | Person> {
    if (kind === 'comparison') {
      const c = await this.fresh(id, baseRevision);
      return this.saveComparison(c, this.apply(() => rule(c)), baseRevision);
    }
    const p = await this.store().getPerson(id);
    if (p.revision !== baseRevision) throw stale(p.name, p.revision, baseRevision, p.id);
    const review = this.apply(() => rule(p));
    const next: Person = { ...p };
    if (isEmptyReview(review)) delete next.review;
    else next.review = review;
    return this.store().savePerson(next, baseRevision, { withReview: true });
  }

  /** The acting person, from the profile; refused when none is chosen or they are not in this workspace. */
  private actor(): Actor {
    const p = this.profile();
    if (!p) throw new ServiceError('FORBIDDEN', 'Choose who you are first: pick your name and role under Profile in the top bar.');
    if (p.name === null) throw new ServiceError('FORBIDDEN', 'Your profile names someone who is not in this workspace. Choose your profile again.');
    return { personId: p.personId, role: p.role, name: p.name };
  }

  private async fresh(id: string, baseRevision: number): Promise<Comparison> {
    const c = await this.store().getComparison(id);
    if (c.revision !== baseRevision) throw stale(`“${c.title}”`, c.revision, baseRevision, c.id);
    return c;
  }

  private apply(rule: () => ReviewRecord): ReviewRecord {
    try {
      return rule();
    } catch (error) {
      if (error instanceof ReviewRefusal) throw new ServiceError(error.code, error.message);
      throw error;
    }
  }

  private saveComparison(c: Comparison, review: ReviewRecord, baseRevision: number, baseUpdatedAt?: string): Promise<Comparison> {
    const next: Comparison = { ...c };
    if (isEmptyReview(review)) delete next.review;
    else next.review = review;
    return this.store().saveComparison(next, baseRevision, { withReview: true, ...(baseUpdatedAt === undefined ? {} : { baseUpdatedAt }) });
  }

  /** Snapshots are taken after the save is durable; a failed snapshot is reported, never fatal. */
  private async snapshot(kind: 'comparison' | 'person', record: Comparison | Person, reason: HistoryReason, actor: Actor): Promise<void> {
    try {
      await HistoryStore.forStore(this.store()).snapshot({ kind, record, reason, by: actor.personId, at: this.now() });
    } catch (error) {
      this.warn(`The ${reason} was saved, but its history snapshot could not be written: ${(error as Error).message}`);
    }
  }
}

function stale(label: string, current: number, base: number, id: string): ServiceError {
  return new ServiceError('CONFLICT', `${label} was changed since you opened it (saved revision ${current}, yours ${base}). Reload it and try again.`, {
    id,
    currentRevision: current,
    baseRevision: base,
  });
}
