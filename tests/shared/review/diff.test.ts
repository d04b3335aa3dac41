import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { buildSeedRecords } from '../../../src/main/seed/seedWorkspace';
import type { Comparison } from '../../../src/shared/model/comparison';
import { docFromText, type BlockDoc } from '../../../src/shared/model/richText';
import { countChanges, diffComparisons, diffPeople, movedIds, wordDiff, type SectionDiff } from '../../../src/shared/review/diff';

function seed() {
  const r = buildSeedRecords(new Date('2025-01-01T00:00:00Z'), () => ulid());
  const people = [r.author, r.editor, { ...r.editor, id: ulid(), name: 'Nora New' }];
  return { c: r.comparison, people, author: r.author, editor: r.editor, other: people[2] };
}

const clone = <T>(x: T): T => structuredClone(x);
const sectionOf = (sections: SectionDiff[], name: string) => sections.find((s) => s.section === name);
const ins = (words: Array<{ kind: string; text: string }>) => words.filter((w) => w.kind === 'ins').map((w) => w.text.trim());
const del = (words: Array<{ kind: string; text: string }>) => words.filter((w) => w.kind === 'del').map((w) => w.text.trim());

describe('diff of two article versions, shaped by the schema', () => {
  it('is empty for identical versions (review data and revision do not count)', () => {
    const { c, people } = seed();
    const b = { ...clone(c), revision: 7, updatedAt: '2026-01-01T00:00:00.000Z', review: { parts: {}, signOff: null, comments: [] } };
    const d = diffComparisons(c, b, people);
    expect(d.sections).toEqual([]);
    expect(countChanges(d)).toBe(0);
  });

  it('shows the chart cell by cell: the changed cell only, with its words', () => {
    const { c, people } = seed();
    const b = clone(c);
    const row = b.chart.rows[1];
    row.values.b = `${row.values.b} and slower`;
    const chart = sectionOf(diffComparisons(c, b, people).sections, 'chart')!;
    expect(chart.chart!.columns.map((x) => x.name)).toEqual(['Social Media', 'Social Networking']);
    expect(chart.chart!.rows).toHaveLength(1);
    const r = chart.chart!.rows[0];
    expect(r).toMatchObject({ id: row.id, status: 'changed', from: 2, to: 2, moved: false });
    expect(r.cells.map((cell) => [cell.column, cell.changed])).toEqual([
      ['label', false],
      ['a', false],
      ['b', true],
    ]);
    expect(ins(r.cells[2].words)).toEqual(['and slower']);
    expect(del(r.cells[2].words)).toEqual([]);
  });

  it('marks inserted and deleted words in prose (rich text compared as plain text)', () => {
    const { c, people } = seed();
    const b = clone(c);
    b.keyDifferences[0].text = docFromText('Social media is a broad term for platforms where people publish and share content.');
    const a = clone(c);
    a.keyDifferences[0].text = docFromText('Social media is an all-encompassing term for platforms where users share content.');
    const kd = sectionOf(diffComparisons(a, b, people).sections, 'keyDifferences')!;
    expect(kd.items).toHaveLength(1);
    const field = kd.items[0].fields[0];
    expect(field.field).toBe('text');
    expect(del(field.words)).toEqual(expect.arrayContaining(['an all-encompassing', 'users']));
    expect(ins(field.words)).toEqual(expect.arrayContaining(['a broad', 'people publish and']));
    // Reading only the kept and inserted words gives the newer text; kept and deleted, the older.
    expect(field.words.filter((w) => w.kind !== 'del').map((w) => w.text).join('')).toBe(field.after);
    expect(field.words.filter((w) => w.kind !== 'ins').map((w) => w.text).join('')).toBe(field.before);
  });

  it('shows a moved FAQ as a move from its old to its new place, and the others not at all', () => {
    const { c, people } = seed();
    const b = clone(c);
    const [moved] = b.faqs.splice(2, 1);
    b.faqs.unshift(moved);
    const faqs = sectionOf(diffComparisons(c, b, people).sections, 'faqs')!;
    expect(faqs.items).toEqual([expect.objectContaining({ id: moved.id, status: 'moved', moved: true, from: 3, to: 1, fields: [] })]);
  });

  it('an item moved and edited is "changed" and still marked as moved', () => {
    const { c, people } = seed();
    const b = clone(c);
    const [row] = b.chart.rows.splice(0, 1);
    row.label = `${row.label} (new)`;
    b.chart.rows.push(row);
    const rows = sectionOf(diffComparisons(c, b, people).sections, 'chart')!.chart!.rows;
    expect(rows).toEqual([expect.objectContaining({ id: row.id, status: 'changed', moved: true, from: 1, to: c.chart.rows.length })]);
    expect(rows[0].cells[0]).toMatchObject({ column: 'label', changed: true });
  });

  it('shows added and removed items as such; the items they shift are not moved', () => {
    const { c, people } = seed();
    const b = clone(c);
    const removed = b.keyDifferences.splice(1, 1)[0];
    const added = { id: ulid(), text: docFromText('A brand new difference.') };
    b.keyDifferences.unshift(added);
    const kd = sectionOf(diffComparisons(c, b, people).sections, 'keyDifferences')!;
    expect(kd.items.map((i) => [i.id, i.status, i.from, i.to])).toEqual([
      [added.id, 'added', null, 1],
      [removed.id, 'removed', 2, null],
    ]);
    expect(kd.items[0].fields[0]).toMatchObject({ before: '', after: 'A brand new difference.' });
  });

  it('shows definition examples added, removed and edited inside their definition', () => {
    const { c, people } = seed();
    const b = clone(c);
    const def = b.definitions[0];
    def.examples[0].text = `${def.examples[0].text} Again.`;
    def.examples.push({ id: ulid(), text: 'Another example of social media.' });
    const defs = sectionOf(diffComparisons(c, b, people).sections, 'definitions')!;
    expect(defs.items).toHaveLength(1);
    expect(defs.items[0]).toMatchObject({ id: def.id, status: 'changed', fields: [] });
    expect(defs.items[0].children.map((x) => x.status)).toEqual(['changed', 'added']);
  });

  it('names byline changes by person, not by id', () => {
    const { c, people, other, editor } = seed();
    const b = clone(c);
    b.byline.editorId = other.id;
    const byline = sectionOf(diffComparisons(c, b, people).sections, 'byline')!;
    expect(byline.fields).toEqual([expect.objectContaining({ field: 'editor', label: 'Editor', before: editor.name, after: 'Nora New' })]);
    // Someone no longer among the people still shows, marked as unknown.
    const gone = sectionOf(diffComparisons(c, b, people.slice(0, 2)).sections, 'byline')!;
    expect(gone.fields[0].after).toMatch(/^Unknown person/);
  });

  it('shows the header: title, slug and renamed terms (and the chart columns follow the names)', () => {
    const { c, people } = seed();
    const b: Comparison = { ...clone(c), title: 'Media or Networks?', titleEdited: true, slug: 'media-or-networks', slugEdited: true };
    b.terms[1].name = 'Social Networks';
    const header = sectionOf(diffComparisons(c, b, people).sections, 'header')!;
    expect(header.fields.map((f) => f.field)).toEqual(['title', 'slug']);
    expect(header.items).toEqual([expect.objectContaining({ id: 'b', status: 'changed', fields: [expect.objectContaining({ before: 'Social Networking', after: 'Social Networks' })] })]);
    expect(diffComparisons(c, b, people).sections.map((s) => s.section)).toEqual(['header']);
  });

  it('lists changed sections in page order', () => {
    const { c, people, other } = seed();
    const b = clone(c);
    b.byline.authorId = other.id;
    b.summary = docFromText('Shorter.');
    b.faqs[0].question = 'Changed?';
    expect(diffComparisons(c, b, people).sections.map((s) => s.section)).toEqual(['summary', 'faqs', 'byline']);
  });
});

describe('diff of a person', () => {
  it('shows the bio word by word and name changes; identical → empty', () => {
    const { author } = seed();
    expect(diffPeople(author, clone(author)).sections).toEqual([]);
    const b = { ...clone(author), name: 'Ann A. Author', bio: docFromText('Writes about the web every week.') as BlockDoc };
    const a = { ...clone(author), bio: docFromText('Writes about the web.') as BlockDoc };
    const d = diffPeople(a, b);
    expect(d.sections.map((s) => s.section)).toEqual(['person', 'bio']);
    expect(ins(d.sections[1].fields[0].words)).toEqual(['every week']);
  });
});

describe('moves', () => {
  it('are the items outside the longest common order, not the ones shifted around them', () => {
    expect([...movedIds(['a', 'b', 'c', 'd'], ['d', 'a', 'b', 'c'])]).toEqual(['d']);
    expect([...movedIds(['a', 'b', 'c'], ['x', 'a', 'b', 'c'])]).toEqual([]);
    expect([...movedIds(['a', 'b', 'c'], ['a', 'c'])]).toEqual([]);
    expect([...movedIds(['a', 'b'], ['b', 'a'])]).toHaveLength(1);
  });

  it('word diff of equal texts is one unchanged run', () => {
    expect(wordDiff('same words', 'same words')).toEqual([{ kind: 'same', text: 'same words' }]);
    expect(wordDiff('', '')).toEqual([]);
  });
});
