import { diffWords } from 'diff';
import type { Comparison } from '../model/comparison';
import type { Person } from '../model/person';
import { docToText, type RichDoc } from '../model/richText';
import { SECTION_LABELS, type Section } from './parts';

/**
 * The difference between two versions of an article (or a person's bio), shaped by the schema:
 * section by section, the chart cell by cell, prose word by word, list items matched by id so
 * that added, removed and moved items show as such, and the byline by person name. Pure: the
 * history channels and the History panel both use it. Identical versions give no sections.
 */

/** One run of words: unchanged, inserted (only in the newer version) or deleted (only in the older). */
export interface WordPart {
  kind: 'same' | 'ins' | 'del';
  text: string;
}

/** A changed field: its text before and after, and the words inserted and deleted. */
export interface FieldDiff {
  /** `title`, `slug`, `term:a`, `text`, `question`, `answer`, `author`, `editor`, … */
  field: string;
  label: string;
  before: string;
  after: string;
  words: WordPart[];
}

export type ItemStatus = 'added' | 'removed' | 'changed' | 'moved';

/** A list item (key difference, chart row, definition, example, FAQ, term), matched by id. */
export interface ItemDiff {
  id: string;
  /** `added`, `removed`, `changed` (edited, maybe also moved) or `moved` (moved only). */
  status: ItemStatus;
  label: string;
  /** 1-based positions; `from` null for an added item, `to` null for a removed one. */
  from: number | null;
  to: number | null;
  /** True when the item changed its place among the items both versions share (not just shifted by an insert). */
  moved: boolean;
  /** Edited fields; for an added item its content (before ''), for a removed one its content (after ''). */
  fields: FieldDiff[];
  /** Nested items (a definition's examples). */
  children: ItemDiff[];
}

/** One cell of the chart: the row label (`column: 'label'`) or a term's value. */
export interface ChartCellDiff {
  column: string;
  before: string;
  after: string;
  changed: boolean;
  words: WordPart[];
}

export interface ChartRowDiff {
  id: string;
  status: ItemStatus;
  from: number | null;
  to: number | null;
  moved: boolean;
  /** The label cell first, then one cell per column of `ChartDiff.columns`. */
  cells: ChartCellDiff[];
}

export interface ChartDiff {
  /** The term columns of both versions (newer version's order; removed terms last). */
  columns: Array<{ key: string; name: string }>;
  rows: ChartRowDiff[];
}

export type DiffSection = Section | 'bio' | 'person';

export interface SectionDiff {
  section: DiffSection;
  label: string;
  fields: FieldDiff[];
  items: ItemDiff[];
  chart: ChartDiff | null;
}

export interface DocDiff {
  /** Changed sections only, in page order; empty when the versions read the same. */
  sections: SectionDiff[];
}

/** Someone the byline may name: id and name (the workspace's people). */
export interface NamedPerson {
  id: string;
  name: string;
}

/** Words inserted and deleted between two texts (runs of words, whitespace kept with them). */
export function wordDiff(before: string, after: string): WordPart[] {
  if (before === after) return before ? [{ kind: 'same', text: before }] : [];
  const out: WordPart[] = [];
  for (const change of diffWords(before, after)) {
    const kind = change.added ? 'ins' : change.removed ? 'del' : 'same';
    const last = out[out.length - 1];
    if (last && last.kind === kind) last.text += change.value;
    else out.push({ kind, text: change.value });
  }
  return out;
}

export function fieldDiff(field: string, label: string, before: string, after: string): FieldDiff | null {
  return before === after ? null : { field, label, before, after, words: wordDiff(before, after) };
}

const present = <T>(list: Array<T | null>): T[] => list.filter((x): x is T => x !== null);

/**
 * The ids that moved: those outside a longest common subsequence of the ids both lists share.
 * Inserting or removing an item shifts the others without moving them.
 */
export function movedIds(before: readonly string[], after: readonly string[]): Set<string> {
  const inAfter = new Set(after);
  const inBefore = new Set(before);
  const a = before.filter((id) => inAfter.has(id));
  const b = after.filter((id) => inBefore.has(id));
  const n = a.length;
  const m = b.length;
  // lcs[i][j] = LCS length of a[i..] and b[j..]
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const kept = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      kept.add(a[i]);
      i++;
      j++;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) i++;
    else j++;
  }
  return new Set(a.filter((id) => !kept.has(id)));
}

interface ListSpec<T> {
  before: readonly T[];
  after: readonly T[];
  id: (item: T) => string;
  /** The item's fields as label → text, compared field by field. */
  fields: (item: T) => Array<{ field: string; label: string; text: string }>;
  label: (item: T, index: number) => string;
  children?: (before: T | undefined, after: T | undefined) => ItemDiff[];
}

/** Items matched by id: added, removed, edited and moved, in the newer version's order (removed ones last). */
export function listDiff<T>(spec: ListSpec<T>): ItemDiff[] {
  const beforeIds = spec.before.map(spec.id);
  const afterIds = spec.after.map(spec.id);
  const moved = movedIds(beforeIds, afterIds);
  const beforeById = new Map(spec.before.map((item, i) => [spec.id(item), { item, i }]));
  const afterSet = new Set(afterIds);
  const out: ItemDiff[] = [];
  spec.after.forEach((item, i) => {
    const id = spec.id(item);
    const old = beforeById.get(id);
    const children = spec.children?.(old?.item, item) ?? [];
    if (!old) {
      const fields = present(spec.fields(item).map((f) => fieldDiff(f.field, f.label, '', f.text)));
      out.push({ id, status: 'added', label: spec.label(item, i), from: null, to: i + 1, moved: false, fields, children });
      return;
    }
    const oldFields = new Map(spec.fields(old.item).map((f) => [f.field, f]));
    const newFields = spec.fields(item);
    const fields = present(newFields.map((f) => fieldDiff(f.field, f.label, oldFields.get(f.field)?.text ?? '', f.text)));
    for (const [field, f] of oldFields) if (!newFields.some((x) => x.field === field)) fields.push(...present([fieldDiff(field, f.label, f.text, '')]));
    const isMoved = moved.has(id);
    if (fields.length === 0 && children.length === 0 && !isMoved) return;
    const status: ItemStatus = fields.length > 0 || children.length > 0 ? 'changed' : 'moved';
    out.push({ id, status, label: spec.label(item, i), from: old.i + 1, to: i + 1, moved: isMoved, fields, children });
  });
  spec.before.forEach((item, i) => {
    const id = spec.id(item);
    if (afterSet.has(id)) return;
    const fields = present(spec.fields(item).map((f) => fieldDiff(f.field, f.label, f.text, '')));
    const children = spec.children?.(item, undefined) ?? [];
    out.push({ id, status: 'removed', label: spec.label(item, i), from: i + 1, to: null, moved: false, fields, children });
  });
  return out;
}

const text = (doc: RichDoc) => docToText(doc);
const short = (t: string, max = 48) => {
  const s = t.replace(/\s+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
};

function section(section: DiffSection, parts: Partial<Omit<SectionDiff, 'section' | 'label'>>, label?: string): SectionDiff | null {
  const s: SectionDiff = {
    section,
    label: label ?? SECTION_LABELS[section as Section | 'bio'],
    fields: parts.fields ?? [],
    items: parts.items ?? [],
    chart: parts.chart ?? null,
  };
  return s.fields.length > 0 || s.items.length > 0 || (s.chart !== null && s.chart.rows.length > 0) ? s : null;
}

/** A person's name for the byline: their name, or a note when they are not among the people. */
function personName(id: string | null, people: readonly NamedPerson[]): string {
  if (id === null) return '';
  return people.find((p) => p.id === id)?.name ?? `Unknown person (${id.slice(-6)})`;
}

function chartDiff(a: Comparison, b: Comparison): ChartDiff {
  const columns = [...b.terms.map((t) => ({ key: t.key as string, name: t.name }))];
  for (const t of a.terms) if (!columns.some((c) => c.key === t.key)) columns.push({ key: t.key, name: t.name });
  const cellsOf = (before: Comparison['chart']['rows'][number] | undefined, after: Comparison['chart']['rows'][number] | undefined) => {
    const cell = (column: string, x: string, y: string): ChartCellDiff => ({ column, before: x, after: y, changed: x !== y, words: wordDiff(x, y) });
    const value = (row: typeof before, key: string) => (row?.values as Record<string, string | undefined> | undefined)?.[key] ?? '';
    return [cell('label', before?.label ?? '', after?.label ?? ''), ...columns.map((c) => cell(c.key, value(before, c.key), value(after, c.key)))];
  };
  const items = listDiff({
    before: a.chart.rows,
    after: b.chart.rows,
    id: (r) => r.id,
    fields: (r) => [{ field: 'label', label: 'Label', text: r.label }, ...columns.map((c) => ({ field: c.key, label: c.name, text: (r.values as Record<string, string | undefined>)[c.key] ?? '' }))],
    label: (r, i) => (r.label.trim() ? `Row “${short(r.label)}”` : `Row ${i + 1}`),
  });
  const rowsA = new Map(a.chart.rows.map((r) => [r.id, r]));
  const rowsB = new Map(b.chart.rows.map((r) => [r.id, r]));
  return {
    columns,
    rows: items.map((it) => ({ id: it.id, status: it.status, from: it.from, to: it.to, moved: it.moved, cells: cellsOf(rowsA.get(it.id), rowsB.get(it.id)) })),
  };
}

/** The schema-shaped difference between two versions of an article (`a` older, `b` newer). */
export function diffComparisons(a: Comparison, b: Comparison, people: readonly NamedPerson[]): DocDiff {
  const anyTermName = (key: string) => (b.terms.find((t) => t.key === key) ?? a.terms.find((t) => t.key === key))?.name ?? key;
  const headerFields = present([fieldDiff('title', 'Title', a.title, b.title), fieldDiff('slug', 'Slug', a.slug, b.slug)]);
  const terms = listDiff({
    before: a.terms,
    after: b.terms,
    id: (t) => t.key,
    fields: (t) => [{ field: 'name', label: 'Name', text: t.name }],
    label: (t, i) => `Term ${i + 1}`,
  });
  const chart = chartDiff(a, b);
  const chartFields = present([fieldDiff('headerLabel', 'First column heading', a.chart.headerLabel, b.chart.headerLabel)]);
  const sections = present([
    section('header', { fields: headerFields, items: terms }),
    section('summary', { fields: present([fieldDiff('summary', 'Summary', text(a.summary), text(b.summary))]) }),
    section('keyDifferences', {
      items: listDiff({
        before: a.keyDifferences,
        after: b.keyDifferences,
        id: (k) => k.id,
        fields: (k) => [{ field: 'text', label: 'Text', text: text(k.text) }],
        label: (k, i) => `Key difference ${i + 1}`,
      }),
    }),
    section('chart', { fields: chartFields, chart }),
    section('definitions', {
      items: listDiff({
        before: a.definitions,
        after: b.definitions,
        id: (d) => d.id,
        fields: (d) => [
          { field: 'term', label: 'Term', text: anyTermName(d.term) },
          { field: 'text', label: 'Definition', text: text(d.text) },
        ],
        label: (d, i) => `Definition ${i + 1} (${anyTermName(d.term)})`,
        children: (x, y) =>
          listDiff({
            before: x?.examples ?? [],
            after: y?.examples ?? [],
            id: (e) => e.id,
            fields: (e) => [{ field: 'text', label: 'Example', text: e.text }],
            label: (e, i) => `Example ${i + 1}`,
          }),
      }),
    }),
    section('faqs', {
      items: listDiff({
        before: a.faqs,
        after: b.faqs,
        id: (f) => f.id,
        fields: (f) => [
          { field: 'question', label: 'Question', text: f.question },
          { field: 'answer', label: 'Answer', text: text(f.answer) },
        ],
        label: (f, i) => (f.question.trim() ? `FAQ “${short(f.question)}”` : `FAQ ${i + 1}`),
      }),
    }),
    section('byline', {
      fields: present([
        fieldDiff('author', 'Author', personName(a.byline.authorId, people), personName(b.byline.authorId, people)),
        fieldDiff('editor', 'Editor', personName(a.byline.editorId, people), personName(b.byline.editorId, people)),
        fieldDiff('updated', 'Updated on', a.byline.updated ?? '', b.byline.updated ?? ''),
      ]),
    }),
  ]);
  return { sections };
}

/** The same for a person: name and credentials, and the bio word by word. */
export function diffPeople(a: Pick<Person, 'name' | 'credentials' | 'bio'>, b: Pick<Person, 'name' | 'credentials' | 'bio'>): DocDiff {
  const sections = present([
    section('person', { fields: present([fieldDiff('name', 'Name', a.name, b.name), fieldDiff('credentials', 'Credentials', a.credentials, b.credentials)]) }, 'Name and credentials'),
    section('bio', { fields: present([fieldDiff('bio', 'Bio', text(a.bio), text(b.bio))]) }),
  ]);
  return { sections };
}

/** How many things changed, for a one-line summary ("3 changes in 2 sections"). */
export function countChanges(d: DocDiff): number {
  return d.sections.reduce((n, s) => n + s.fields.length + s.items.length + (s.chart?.rows.length ?? 0), 0);
}
