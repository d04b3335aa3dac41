import type { ComparisonSummary, Notice } from '../../shared/api/contract';
import type { Comparison } from '../../shared/model/comparison';
import type { JournalEntry } from '../../shared/model/journal';
import { call } from '../api/client';

/** The article's content, leaving out what every save changes by itself (revision and dates). */
function contentOf(doc: Comparison): string {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { revision, updatedAt, createdAt, ...content } = doc;
  return JSON.stringify(sortedKeys(content));
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortedKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** True when two copies of an article say the same (a journal its save already covered, say). */
export function sameContent(a: Comparison, b: Comparison): boolean {
  return contentOf(a) === contentOf(b);
}

function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/** The notice shown when a journal is replayed into the editor. */
export function recoveredNotice(entry: JournalEntry, stored: Comparison): Notice {
  const title = entry.doc.title.trim() || stored.title;
  const stale = entry.doc.revision !== stored.revision;
  return {
    id: `journal:${entry.id}:${entry.stamp}`,
    kind: 'recovered',
    message: stale
      ? `Recovered unsaved edits to “${title}” from ${when(entry.writtenAt)}. The article was changed elsewhere since then: choose which copy to keep.`
      : `Recovered unsaved edits to “${title}” from ${when(entry.writtenAt)} that were not saved when Versus Desk last closed. They are back in the editor.`,
  };
}

/**
 * The journal left for this article by an earlier session, if it holds anything the stored copy
 * does not; a journal whose edits were saved after all is removed quietly.
 */
export async function findRecovered(stored: Comparison): Promise<{ doc: Comparison; notice: Notice } | null> {
  const [entry] = await call('journal.list', { id: stored.id });
  if (!entry) return null;
  const doc = entry.doc as Comparison;
  if (sameContent(doc, stored)) {
    await call('journal.clear', { id: entry.id, stamp: entry.stamp });
    return null;
  }
  return { doc, notice: recoveredNotice(entry, stored) };
}

/**
 * Which article the app opens on start: the one with the newest journal (the writer was in the
 * middle of it), else the first in the list; `chosen` (an article the writer opened before the
 * whole list was in) overrides both. Other journals are announced so they are not missed;
 * `pickedNotice` is the announcement for the one picked, for a caller that does not open it after all.
 */
export async function startArticle(
  summaries: readonly ComparisonSummary[],
  chosen: string | null = null,
): Promise<{ id: string; notices: Notice[]; pickedNotice: Notice | null }> {
  // An article the writer already chose (from the list's first page, before the rest arrived) wins.
  const fallback = chosen ?? summaries[0].id;
  let entries: JournalEntry[];
  try {
    entries = await call('journal.list', {});
  } catch {
    return { id: fallback, notices: [], pickedNotice: null };
  }
  const known = new Map(summaries.map((s) => [s.id, s]));
  const openable = entries.filter((e) => known.has(e.id));
  const id = chosen ?? openable[0]?.id ?? fallback;
  const notices: Notice[] = [];
  let pickedNotice: Notice | null = null;
  for (const entry of entries) {
    const title = entry.doc.title.trim() || known.get(entry.id)?.title || 'an article';
    const notice: Notice = {
      id: `journal:${entry.id}:${entry.stamp}`,
      kind: 'recovered',
      message: known.has(entry.id)
        ? `Unsaved edits to “${title}” from ${when(entry.writtenAt)} were kept: open it to get them back.`
        : `Unsaved edits to “${title}” from ${when(entry.writtenAt)} were kept, but that article no longer exists in this workspace.`,
      ...(known.has(entry.id) ? {} : { file: `.versus-desk/journal/${entry.id}.json` }),
    };
    // The article opened gets its edits back in the editor, with its own notice (findRecovered).
    if (entry.id === id) pickedNotice = notice;
    else notices.push(notice);
  }
  return { id, notices, pickedNotice };
}
