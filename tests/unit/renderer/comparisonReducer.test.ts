import { describe, expect, it } from 'vitest';
import { editorReducer, initialEditorState, localProblem } from '../../../src/renderer/comparison/comparisonReducer';
import type { Comparison } from '../../../src/shared/model/comparison';
import { teaVsCoffee } from './teaVsCoffee';

/** A valid 26-character ULID ending in n. */
const ID = (n: number) => `01J0000000000000000000000${n}`;
function base(): Comparison {
  return teaVsCoffee({ chart: { headerLabel: '', rows: [{ id: ID(1), label: 'Taste', values: { a: 'mild', b: 'bitter' } }] } });
}

describe('editorReducer', () => {
  it('lets title and slug follow the terms until the writer edits them', () => {
    let state = initialEditorState(base());
    state = editorReducer(state, { type: 'setTermName', key: 'a', name: 'Green Tea' });
    expect(state.doc.title).toBe("Green Tea vs. Coffee: What's the Difference?");
    expect(state.doc.slug).toBe('green-tea-vs-coffee');
    state = editorReducer(state, { type: 'setSlug', slug: 'my-slug' });
    state = editorReducer(state, { type: 'setTermName', key: 'b', name: 'Cocoa' });
    expect(state.doc.slug).toBe('my-slug');
    expect(state.doc.title).toBe("Green Tea vs. Cocoa: What's the Difference?");
  });

  it('fills pasted rows from the chosen row down, adding rows as needed', () => {
    const state = editorReducer(initialEditorState(base()), {
      type: 'pasteChartRows',
      startRowId: ID(1),
      rows: [
        { label: 'Caffeine', values: ['some', 'more'] },
        { label: 'Origin', values: ['China', 'Ethiopia'] },
      ],
      newIds: [ID(2), ID(3)],
    });
    expect(state.doc.chart.rows).toEqual([
      { id: ID(1), label: 'Caffeine', values: { a: 'some', b: 'more' } },
      { id: ID(2), label: 'Origin', values: { a: 'China', b: 'Ethiopia' } },
    ]);
  });

  it('keeps edits typed while a save was in flight and stays unsaved', () => {
    let state = editorReducer(initialEditorState(base()), { type: 'setChartHeader', label: 'Feature' });
    const sent = state.doc;
    const sentVersion = state.version;
    state = editorReducer(state, { type: 'setByline', patch: { updated: '2025-02-02' } });
    state = editorReducer(state, { type: 'saved', sent, sentVersion, saved: { ...sent, revision: 2 } });
    expect(state.doc.revision).toBe(2);
    expect(state.doc.byline.updated).toBe('2025-02-02');
    expect(state.version).not.toBe(state.savedVersion);
  });

  it('counts edits saved as a new article as kept, but not those typed after the copy was taken', () => {
    let state = editorReducer(initialEditorState(base()), { type: 'setChartHeader', label: 'Feature' });
    const copiedVersion = state.version;
    state = editorReducer(state, { type: 'keptElsewhere', version: copiedVersion });
    expect(state.version).toBe(state.savedVersion);
    state = editorReducer(state, { type: 'setChartHeader', label: 'Aspect' });
    const later = editorReducer(state, { type: 'keptElsewhere', version: copiedVersion });
    expect(later.version).not.toBe(later.savedVersion);
    expect(later.doc.chart.headerLabel).toBe('Aspect');
  });

  it('brings back a removed term with its chart values on undo', () => {
    let state = editorReducer(initialEditorState(base()), { type: 'addTerm' });
    state = editorReducer(state, { type: 'setTermName', key: 'c', name: 'Mate' });
    state = editorReducer(state, { type: 'listUpdate', list: 'chartRows', id: ID(1), patch: { values: { a: 'mild', b: 'bitter', c: 'grassy' } } });
    const term = state.doc.terms[2];
    state = editorReducer(state, { type: 'removeTerm', key: 'c' });
    expect(state.doc.chart.rows[0].values).toEqual({ a: 'mild', b: 'bitter' });
    state = editorReducer(state, { type: 'restoreTerm', term, index: 2, chartValues: { [ID(1)]: 'grassy' }, definitionIds: [] });
    expect(state.doc.terms.map((t) => t.name)).toEqual(['Tea', 'Coffee', 'Mate']);
    expect(state.doc.chart.rows[0].values.c).toBe('grassy');
  });

  it('names what blocks a save before asking the store', () => {
    const state = editorReducer(initialEditorState(base()), { type: 'addTerm' });
    expect(localProblem(state.doc)).toBe('Term 3 needs a name');
    expect(localProblem(editorReducer(state, { type: 'setTermName', key: 'c', name: 'Mate' }).doc)).toBeNull();
  });
});
