import type { ChartRow, Comparison, Definition, Example, Faq, KeyDifference, Term } from '../../shared/model/comparison';
import { defaultTitle, nextTermKey } from '../../shared/model/comparison';
import type { TermKey } from '../../shared/model/ids';
import type { RichDoc } from '../../shared/model/richText';
import { isValidSlug, slugFromTerms } from '../../shared/model/slug';
import { insertItem, moveItem, updateItem } from '../list/moveItem';
import { keepUnchanged, mergeSaved } from '../save/mergeSaved';
import type { PastedRow } from './parseTsv';

/**
 * The open comparison plus two counters: `version` grows with every edit, `savedVersion` is the
 * version the store holds. They differ exactly while there are unsaved edits.
 */
export interface EditorState {
  doc: Comparison;
  version: number;
  savedVersion: number;
}

export interface ListItems {
  keyDifferences: KeyDifference;
  chartRows: ChartRow;
  definitions: Definition;
  faqs: Faq;
}
export type ListName = keyof ListItems;

export type Edit =
  | { type: 'setTermName'; key: TermKey; name: string }
  | { type: 'addTerm' }
  | { type: 'removeTerm'; key: TermKey }
  | { type: 'restoreTerm'; term: Term; index: number; chartValues: Record<string, string>; definitionIds: string[] }
  | { type: 'setTitle'; title: string }
  | { type: 'resetTitle' }
  | { type: 'setSlug'; slug: string }
  | { type: 'resetSlug' }
  | { type: 'setSummary'; doc: RichDoc }
  | { type: 'setChartHeader'; label: string }
  | { type: 'pasteChartRows'; startRowId: string | null; rows: PastedRow[]; newIds: string[] }
  | { [L in ListName]: { type: 'listInsert'; list: L; index: number; item: ListItems[L] } }[ListName]
  | { type: 'listRemove'; list: ListName; id: string }
  | { type: 'listMove'; list: ListName; id: string; toIndex: number }
  | { [L in ListName]: { type: 'listUpdate'; list: L; id: string; patch: Partial<ListItems[L]> } }[ListName]
  | { type: 'exampleInsert'; definitionId: string; index: number; example: Example }
  | { type: 'exampleRemove'; definitionId: string; id: string }
  | { type: 'exampleMove'; definitionId: string; id: string; toIndex: number }
  | { type: 'exampleUpdate'; definitionId: string; id: string; text: string }
  | { type: 'setByline'; patch: Partial<Comparison['byline']> }
  | { type: 'addRelated'; id: string; index?: number }
  | { type: 'removeRelated'; id: string };

export type EditorAction =
  | Edit
  | { type: 'load'; doc: Comparison }
  | { type: 'saved'; sent: Comparison; sentVersion: number; saved: Comparison }
  | { type: 'rebase'; revision: number; updatedAt: string }
  | { type: 'reviewed'; saved: Comparison }
  /** A whole new local copy that still has to be saved (a merge with outside changes, recovered edits). */
  | { type: 'replace'; doc: Comparison }
  /** The edits up to `version` were stored elsewhere (saved as a new article): nothing of them is unsaved here. */
  | { type: 'keptElsewhere'; version: number };

export function initialEditorState(doc: Comparison): EditorState {
  return { doc, version: 0, savedVersion: 0 };
}

export function getList<L extends ListName>(doc: Comparison, list: L): ListItems[L][] {
  const lists: { [K in ListName]: ListItems[K][] } = {
    keyDifferences: doc.keyDifferences,
    chartRows: doc.chart.rows,
    definitions: doc.definitions,
    faqs: doc.faqs,
  };
  return lists[list];
}

function setList<L extends ListName>(doc: Comparison, list: L, items: ListItems[L][]): Comparison {
  if (items === getList(doc, list)) return doc;
  if (list === 'chartRows') return { ...doc, chart: { ...doc.chart, rows: items as ChartRow[] } };
  return { ...doc, [list]: items };
}

/** Title and slug follow the terms until the writer edits them. */
function withTerms(doc: Comparison, terms: Term[]): Comparison {
  const names = terms.map((t) => t.name);
  return {
    ...doc,
    terms,
    title: doc.titleEdited ? doc.title : defaultTitle(names),
    slug: doc.slugEdited ? doc.slug : slugFromTerms(names),
  };
}

function pasteRows(doc: Comparison, startRowId: string | null, rows: PastedRow[], newIds: string[]): Comparison {
  const current = doc.chart.rows.slice();
  let at = startRowId === null ? current.length : current.findIndex((r) => r.id === startRowId);
  if (at < 0) at = current.length;
  let fresh = 0;
  rows.forEach((pasted, i) => {
    const values: ChartRow['values'] = {};
    doc.terms.forEach((term, t) => {
      values[term.key] = pasted.values[t] ?? '';
    });
    const existing = current[at + i];
    if (existing) current[at + i] = { ...existing, label: pasted.label, values };
    else current.push({ id: newIds[fresh++], label: pasted.label, values });
  });
  return { ...doc, chart: { ...doc.chart, rows: current } };
}

/** Applies one edit to the document; pure, ids for new items come in with the action. */
export function applyEdit(doc: Comparison, edit: Edit): Comparison {
  switch (edit.type) {
    case 'setTermName':
      return withTerms(doc, doc.terms.map((t) => (t.key === edit.key ? { ...t, name: edit.name } : t)));
    case 'addTerm': {
      const key = nextTermKey(doc.terms);
      if (!key || doc.terms.length >= 4) return doc;
      return withTerms(doc, [...doc.terms, { key, name: '' }]);
    }
    case 'removeTerm': {
      if (doc.terms.length <= 2) return doc;
      const terms = doc.terms.filter((t) => t.key !== edit.key);
      const fallback = terms[0].key;
      const rows = doc.chart.rows.map((r) => {
        if (!(edit.key in r.values)) return r;
        const values = { ...r.values };
        delete values[edit.key];
        return { ...r, values };
      });
      const definitions = doc.definitions.map((d) => (d.term === edit.key ? { ...d, term: fallback } : d));
      return withTerms({ ...doc, chart: { ...doc.chart, rows }, definitions }, terms);
    }
    case 'restoreTerm': {
      if (doc.terms.some((t) => t.key === edit.term.key) || doc.terms.length >= 4) return doc;
      const rows = doc.chart.rows.map((r) =>
        r.id in edit.chartValues ? { ...r, values: { ...r.values, [edit.term.key]: edit.chartValues[r.id] } } : r,
      );
      const restoredDefs = new Set(edit.definitionIds);
      const definitions = doc.definitions.map((d) => (restoredDefs.has(d.id) ? { ...d, term: edit.term.key } : d));
      return withTerms({ ...doc, chart: { ...doc.chart, rows }, definitions }, insertItem(doc.terms, edit.index, edit.term));
    }
    case 'setTitle':
      return { ...doc, title: edit.title, titleEdited: true };
    case 'resetTitle':
      return { ...doc, title: defaultTitle(doc.terms.map((t) => t.name)), titleEdited: false };
    case 'setSlug':
      return { ...doc, slug: edit.slug, slugEdited: true };
    case 'resetSlug':
      return { ...doc, slug: slugFromTerms(doc.terms.map((t) => t.name)), slugEdited: false };
    case 'setSummary':
      return { ...doc, summary: edit.doc as Comparison['summary'] };
    case 'setChartHeader':
      return { ...doc, chart: { ...doc.chart, headerLabel: edit.label } };
    case 'pasteChartRows':
      return pasteRows(doc, edit.startRowId, edit.rows, edit.newIds);
    case 'listInsert':
      return setList(doc, edit.list, insertItem(getList(doc, edit.list), edit.index, edit.item as never));
    case 'listRemove':
      return setList(doc, edit.list, getList(doc, edit.list).filter((item) => item.id !== edit.id));
    case 'listMove':
      return setList(doc, edit.list, moveItem(getList(doc, edit.list), edit.id, edit.toIndex));
    case 'listUpdate':
      return setList(
        doc,
        edit.list,
        updateItem(getList(doc, edit.list), edit.id, (item) => ({ ...item, ...edit.patch }) as never),
      );
    case 'exampleInsert':
      return setList(doc, 'definitions', updateItem(doc.definitions, edit.definitionId, (d) => ({ ...d, examples: insertItem(d.examples, edit.index, edit.example) })));
    case 'exampleRemove':
      return setList(doc, 'definitions', updateItem(doc.definitions, edit.definitionId, (d) =>
        d.examples.length <= 1 ? d : { ...d, examples: d.examples.filter((e) => e.id !== edit.id) },
      ));
    case 'exampleMove':
      return setList(doc, 'definitions', updateItem(doc.definitions, edit.definitionId, (d) => ({ ...d, examples: moveItem(d.examples, edit.id, edit.toIndex) })));
    case 'exampleUpdate':
      return setList(doc, 'definitions', updateItem(doc.definitions, edit.definitionId, (d) => ({
        ...d,
        examples: updateItem(d.examples, edit.id, (e) => ({ ...e, text: edit.text })),
      })));
    case 'setByline':
      return { ...doc, byline: { ...doc.byline, ...edit.patch } };
    case 'addRelated':
      if (doc.related.includes(edit.id) || edit.id === doc.id) return doc;
      return { ...doc, related: insertItem(doc.related, edit.index ?? doc.related.length, edit.id) };
    case 'removeRelated':
      return { ...doc, related: doc.related.filter((id) => id !== edit.id) };
  }
}

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  switch (action.type) {
    case 'load':
      // Versions keep growing across loads so a late answer to an old save can never look current.
      return { doc: action.doc, version: state.version + 1, savedVersion: state.version + 1 };
    case 'saved': {
      if (action.saved.id !== state.doc.id) return state;
      // Fields the store kept as sent keep their objects (cached part hashes stay valid).
      const saved = keepUnchanged(action.sent, action.saved);
      if (state.version === action.sentVersion) return { ...state, doc: saved, savedVersion: state.version };
      return { ...state, doc: mergeSaved(state.doc, action.sent, saved), savedVersion: action.sentVersion };
    }
    case 'rebase':
      // Onto the stored copy: its revision and its save time (both say which copy a save replaces).
      return { ...state, doc: { ...state.doc, revision: action.revision, updatedAt: action.updatedAt } };
    case 'reviewed':
      // A review action stored this article (after a flush): take its revision and review data,
      // keep any content typed meanwhile (still pending for the next save).
      if (action.saved.id !== state.doc.id) return state;
      return { ...state, doc: { ...state.doc, revision: action.saved.revision, updatedAt: action.saved.updatedAt, review: action.saved.review } };
    case 'replace':
      return { ...state, doc: action.doc, version: state.version + 1 };
    case 'keptElsewhere':
      return { ...state, savedVersion: Math.max(state.savedVersion, Math.min(action.version, state.version)) };
    default: {
      const doc = applyEdit(state.doc, action);
      return doc === state.doc ? state : { ...state, doc, version: state.version + 1 };
    }
  }
}

/** Problems the store would refuse anyway, caught before a save is even tried. */
export function localProblem(doc: Comparison): string | null {
  const unnamed = doc.terms.findIndex((t) => t.name.trim() === '');
  if (unnamed >= 0) return `Term ${unnamed + 1} needs a name`;
  if (doc.title.trim() === '') return 'The title cannot be empty';
  if (!isValidSlug(doc.slug)) return 'The slug must use a–z, 0–9 and single hyphens';
  return null;
}
