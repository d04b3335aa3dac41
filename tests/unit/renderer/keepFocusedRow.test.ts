import { describe, expect, it } from 'vitest';
import { focusedIndex, gapsBefore, keepRows } from '../../../src/renderer/list/keepFocusedRow';

describe('keeping the focused row of a virtualized list rendered', () => {
  it('adds the focused row and its neighbours, in order, to the rows in view', () => {
    expect(keepRows([10, 11, 12], 3, 100)).toEqual([2, 3, 4, 10, 11, 12]);
    expect(keepRows([0, 1, 2], 50, 100)).toEqual([0, 1, 2, 49, 50, 51]);
  });

  it('adds nothing when there is no focus or the focused row is in view, and stays inside the list', () => {
    expect(keepRows([4, 5, 6], null, 100)).toEqual([4, 5, 6]);
    expect(keepRows([4, 5, 6], 5, 100)).toEqual([4, 5, 6]);
    expect(keepRows([4, 5, 6], 7, 100)).toEqual([4, 5, 6, 7, 8]);
    expect(keepRows([4, 5, 6], 0, 100)).toEqual([0, 1, 4, 5, 6]);
    expect(keepRows([0, 1], 99, 100)).toEqual([0, 1, 98, 99]);
    // A focus left over from a longer list (the list shrank) adds nothing past its end.
    expect(keepRows([0, 1], 140, 100)).toEqual([0, 1]);
  });

  it('measures the space between a kept row and the rows in view', () => {
    const rows = [
      { start: 0, end: 60 },
      { start: 60, end: 130 },
      { start: 900, end: 960 },
      { start: 960, end: 1020 },
    ];
    expect(gapsBefore(rows)).toEqual([0, 0, 770, 0]);
    expect(gapsBefore([])).toEqual([]);
  });

  it('finds the focused row by its key when the list changes order or length, and forgets a row that is gone', () => {
    const list = ['a', 'b', 'c', 'd', 'e'];
    const keyAt = (i: number) => list[i];
    expect(focusedIndex(null, keyAt, list.length)).toBeNull();
    const row = { key: 'c', index: 2 };
    expect(focusedIndex(row, keyAt, list.length)).toBe(2);
    // Moved to the top (it was saved, and the list is newest first).
    list.splice(2, 1);
    list.unshift('c');
    expect(focusedIndex(row, keyAt, list.length)).toBe(0);
    expect(row.index).toBe(0);
    // Filtered out.
    list.shift();
    expect(focusedIndex(row, keyAt, list.length)).toBeNull();
  });
});
