import type { ComparisonSummary } from '../../../shared/api/contract';
import type { Comparison } from '../../../shared/model/comparison';
import type { Person } from '../../../shared/model/person';
import { uniqueSlug } from '../../../shared/model/slug';
import { personContentHash, type HistoryStore } from '../../history/HistoryStore';
import { pooled } from '../../store/batchWrite';
import { stableStringify } from '../../store/durableWrite';
import { contentHash } from '../contentHash';
import { diffParts, mergeReviewValue, type PartDiff } from './partMerge';
import type { BundleContents, ImportedArticle, ImportedPerson } from './readBundle';

export type ImportAction = 'new' | 'updated' | 'unchanged' | 'conflicting';

export interface ImportPlanItem {
  kind: 'comparison' | 'person';
  id: string;
  /** The article's slug (people have none: null). */
  slug: string | null;
  /** The article's title, or the person's name. */
  title: string;
  action: ImportAction;
  /** For updated and conflicting articles: the parts that differ and who changed them since the base. */
  parts?: PartDiff[];
  localRevision: number | null;
  incomingRevision: number;
  /** A new article whose slug is taken locally is imported under this slug. */
  newSlug?: string;
  notes: string[];
}

export interface ImportPlan {
  source: string;
  items: ImportPlanItem[];
  /** What a Markdown import could not place (kept here in full). */
  report: string[];
}

/** What planning and applying read from the workspace (WorkspaceStore satisfies it). */
export interface ImportReadTarget {
  listComparisons(): ComparisonSummary[];
  getComparison(id: string): Promise<Comparison>;
  listPeople(): Person[];
}

/** The analysis of one incoming article against the local copy (shared with applyImport). */
export interface ArticleAnalysis {
  item: ImportPlanItem;
  local: Comparison | null;
  base: Comparison | null;
  diffs: PartDiff[];
}

const same = (a: unknown, b: unknown) => stableStringify(a ?? null) === stableStringify(b ?? null);

/**
 * What an import would do, item by item, without writing anything.
 *
 * Lineage: each manifest item lists the content hashes the article has had (see
 * HistoryStore.lineage). The common base of a local and an incoming article is the local one
 * when its hash is in the incoming lineage (theirs descends from mine: a plain update), the
 * incoming one when its hash is in the local lineage (mine descends from theirs), else the
 * newest local history snapshot whose hash is in the incoming lineage. Without one, every
 * differing part counts as changed on both sides.
 */
export async function planImport(store: ImportReadTarget, contents: BundleContents, history: HistoryStore): Promise<ImportPlan> {
  const items: ImportPlanItem[] = [];
  const people = new Map(store.listPeople().map((p) => [p.id, p]));
  for (const p of contents.people) items.push(await planPerson(p, people.get(p.record.id) ?? null, history));
  const local = localArticles(store);
  // Only each item is kept (not the local copy read for it).
  items.push(...(await analyseArticles(store, contents.articles, history, local, (analysis) => analysis.item)));
  return { source: contents.source, items, report: [...contents.report] };
}

/** Articles analysed at a time: each waits on its own reads (the local copy, and its history when needed). */
const ANALYSE_CONCURRENCY = 16;

/** analyseArticle for each of `articles`, `ANALYSE_CONCURRENCY` at a time, in their order; `keep` says what of each to hold. */
export async function analyseArticles<T>(store: ImportReadTarget, articles: readonly ImportedArticle[], history: HistoryStore, localList: LocalArticles, keep: (analysis: ArticleAnalysis) => T): Promise<T[]> {
  const out = new Array<T>(articles.length);
  await pooled(articles.length, ANALYSE_CONCURRENCY, async (i) => {
    out[i] = keep(await analyseArticle(store, articles[i] as ImportedArticle, history, localList));
  });
  return out;
}

/** The workspace's articles by id and by slug, read once per plan or apply (not once per article). */
export interface LocalArticles {
  byId: ReadonlyMap<string, ComparisonSummary>;
  bySlug: ReadonlyMap<string, ComparisonSummary>;
}

export function localArticles(store: ImportReadTarget): LocalArticles {
  const summaries = store.listComparisons();
  return { byId: new Map(summaries.map((s) => [s.id, s])), bySlug: new Map(summaries.map((s) => [s.slug, s])) };
}

export async function analyseArticle(
  store: ImportReadTarget,
  a: ImportedArticle,
  history: HistoryStore,
  localList: LocalArticles = localArticles(store),
): Promise<ArticleAnalysis> {
  const theirs = a.record;
  const exists = localList.byId.has(theirs.id);
  const local = exists ? await store.getComparison(theirs.id) : null;
  const item: ImportPlanItem = {
    kind: 'comparison',
    id: theirs.id,
    slug: theirs.slug,
    title: theirs.title,
    action: 'new',
    localRevision: local?.revision ?? null,
    incomingRevision: theirs.revision,
    notes: [],
  };
  if (!local) {
    const owner = localList.bySlug.get(theirs.slug);
    if (owner) {
      item.newSlug = uniqueSlug(theirs.slug, (s) => localList.bySlug.has(s));
      item.notes.push(`The slug "${theirs.slug}" is used by “${owner.title}”; the article is imported as "${item.newSlug}".`);
    }
    return { item, local, base: null, diffs: [] };
  }
  const mineHash = contentHash(local);
  const theirsHash = a.lineage[0] as string;
  let base: Comparison | null = null;
  // The local history is read only when the incoming lineage does not settle it.
  if (mineHash === theirsHash || a.lineage.includes(mineHash)) base = local;
  else if ((await history.lineage(local, mineHash)).includes(theirsHash)) base = theirs;
  else base = await history.commonBase(local.id, a.lineage);
  const diffs = diffParts(base, local, theirs);
  item.parts = diffs;
  const mineChanged = diffs.some((d) => d.state === 'mine-only' || d.state === 'both');
  const theirsChanged = diffs.some((d) => d.state === 'theirs-only' || d.state === 'both');
  const reviewChanged = !same(mergeReviewValue(mergeableReview(local), mergeableReview(theirs), 'mine'), mergeableReview(local));
  if (mineChanged && theirsChanged) item.action = 'conflicting';
  else if (theirsChanged || reviewChanged) item.action = 'updated';
  else item.action = 'unchanged';
  if (!base && diffs.length > 0) item.notes.push('No common revision was found in the history: every differing part needs a choice.');
  if (reviewChanged) item.notes.push('Review records and comments arrive and are merged by id.');
  return { item, local, base, diffs };
}

/** The review data that merges by key and id on import (the sign-off goes by content hash). */
export function mergeableReview(c: Comparison): { parts: Record<string, unknown>; comments: unknown[] } {
  return { parts: c.review?.parts ?? {}, comments: c.review?.comments ?? [] };
}

async function planPerson(p: ImportedPerson, local: Person | null, history: HistoryStore): Promise<ImportPlanItem> {
  const theirs = p.record;
  const item: ImportPlanItem = {
    kind: 'person',
    id: theirs.id,
    slug: null,
    title: theirs.name,
    action: 'new',
    localRevision: local?.revision ?? null,
    incomingRevision: theirs.revision,
    notes: [],
  };
  if (!local) return item;
  const theirsHash = personContentHash(theirs);
  const reviewSame = p.export === null || same(mergeReviewValue(local.review, theirs.review, 'mine'), local.review);
  if (personContentHash(local) === theirsHash || p.export === null) {
    item.action = reviewSame ? 'unchanged' : 'updated';
    return item;
  }
  // People carry no lineage: a snapshot of their version here means mine is newer; else the revision decides.
  const known = (await history.list(local.id)).some((e) => e.contentHash === theirsHash);
  const parts = (['name', 'credentials', 'bio'] as const)
    .filter((k) => !same(local[k], theirs[k]))
    .map((k): PartDiff => ({ partId: k, label: k === 'bio' ? 'Bio' : k === 'name' ? 'Name' : 'Credentials', state: 'both' }));
  if (known) item.action = reviewSame ? 'unchanged' : 'updated';
  else if (theirs.revision > local.revision) {
    item.action = 'updated';
    item.parts = parts.map((d) => ({ ...d, state: 'theirs-only' }));
  } else {
    item.action = 'conflicting';
    item.parts = parts;
  }
  return item;
}
